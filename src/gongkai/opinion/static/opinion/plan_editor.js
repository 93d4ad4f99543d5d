// Watch-plan editor: ask the server for the draft's live count while the analyst types.
// Progressive: without this script the "试算" button posts the form and the page shows the count.
(function () {
  "use strict";
  var form = document.querySelector("form.plan-editor");
  if (!form || !window.fetch) return;
  var out = document.getElementById("plan-live");
  var fields = ["region", "subject", "event", "exclude", "expression"];
  var timer = null;
  var seq = 0;
  function ask() {
    var params = new URLSearchParams();
    fields.forEach(function (name) {
      var el = form.elements[name];
      if (el) params.set(name, el.value);
    });
    var mine = ++seq;
    out.textContent = "正在试算…";
    fetch(form.dataset.countUrl + "?" + params.toString(), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (mine !== seq) return;
        if (data.error) {
          var label = form.querySelector("label[for='id_" + data.field + "']");
          out.textContent = (label ? label.textContent.replace("（必填）", "").trim() + "：" : "") + data.error;
        } else {
          out.textContent = "近" + data.days + "日命中 " + data.matching + " 条（共检查 " + data.scanned + " 条信息）。";
        }
      })
      .catch(function () { if (mine === seq) out.textContent = "试算失败，请点击“试算”按钮重试。"; });
  }
  fields.forEach(function (name) {
    var el = form.elements[name];
    if (!el) return;
    el.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 500);
    });
  });
})();
