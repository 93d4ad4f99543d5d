// Chinese for the body editor's dialogs (django-prose-editor asks window.gettext for them).
// Loaded before the editor's modules; a page with Django's JavaScript catalog keeps its own.
(function () {
  "use strict";
  var zh = {
    "Add caption": "添加图注",
    "Alternative Text": "替代文字（图片说明）",
    "Browse...": "浏览……",
    "Bullets": "项目符号",
    "Cancel": "取消",
    "Caption": "图注",
    "Columns": "列数",
    "Decimal numbers": "阿拉伯数字",
    "Edit Figure": "编辑图片",
    "Edit HTML": "编辑 HTML",
    "Edit Image": "编辑图片",
    "Edit Link": "编辑链接",
    "Image URL": "图片地址（先在“附件”中上传图片，再填写其地址）",
    "Include header row": "包含表头行",
    "Insert": "插入",
    "Insert Figure": "插入图片",
    "Insert Table": "插入表格",
    "List properties": "列表设置",
    "List type": "列表类型",
    "Lowercase Roman numerals": "小写罗马数字",
    "Lowercase letters": "小写字母",
    "Open in new window": "在新窗口打开",
    "Prettify": "整理格式",
    "Remove caption": "删除图注",
    "Rows": "行数",
    "Start at": "起始编号",
    "Table Properties": "表格设置",
    "Title": "标题",
    "Toggle fullscreen": "全屏",
    "URL": "链接地址",
    "Update": "更新",
    "Uppercase Roman numerals": "大写罗马数字",
    "Uppercase letters": "大写字母"
  };
  if (!window.gettext) {
    window.gettext = function (text) { return zh[text] || text; };
  }

  // The toolbar's tooltips are not translatable in the package: name each button in Chinese.
  var menu = {
    "paragraph": "段落格式",
    "Heading 2": "二级标题",
    "Heading 3": "三级标题",
    "Heading 4": "四级标题",
    "Paragraph": "正文段落",
    "unordered list": "项目符号列表",
    "ordered list": "编号列表",
    "blockquote": "引用",
    "horizontal rule": "分隔线",
    "bold": "加粗",
    "italic": "倾斜",
    "underline": "下划线",
    "subscript": "下标",
    "superscript": "上标",
    "insert link": "插入链接",
    "remove link": "取消链接",
    "Insert table": "插入表格",
    "Add column": "右侧插入列",
    "Delete column": "删除列",
    "Add row": "下方插入行",
    "Delete row": "删除行",
    "Merge cells": "合并单元格",
    "Split cell": "拆分单元格",
    "Toggle header cell": "设为表头单元格",
    "Delete table": "删除表格",
    "figure": "插入图片",
    "undo": "撤销",
    "redo": "重做"
  };
  function translate(root) {
    root.querySelectorAll(".prose-menubar [title]").forEach(function (el) {
      var zhTitle = menu[el.getAttribute("title")];
      if (zhTitle) {
        el.setAttribute("title", zhTitle);
        el.setAttribute("aria-label", zhTitle);
      }
    });
    root.querySelectorAll(".prose-menubar__option > *").forEach(function (el) {
      if (menu[el.textContent]) { el.textContent = menu[el.textContent]; }
    });
  }
  // The editable area is named by the field's label, so screen readers announce "正文".
  function label(root) {
    root.querySelectorAll(".prose-editor").forEach(function (editor) {
      var area = editor.querySelector(".ProseMirror[contenteditable]");
      var source = editor.querySelector("textarea[id]");
      var text = source && document.querySelector('label[for="' + source.id + '"]');
      if (!area || !text || area.hasAttribute("aria-labelledby")) { return; }
      text.id = text.id || source.id + "-label";
      area.setAttribute("aria-labelledby", text.id);
      area.setAttribute("aria-multiline", "true");
    });
  }
  new MutationObserver(function () { translate(document); label(document); })
    .observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["title"] });
})();
