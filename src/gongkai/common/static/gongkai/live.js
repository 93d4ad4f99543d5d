// Live text (gongkai.common.live): poll the page's small JSON endpoint and put new entries in place.
//
// Short polls only (gunicorn's sync workers must not be held by viewers): every few seconds while
// the tab is visible, slower while nothing changes, paused while the tab is hidden. Each poll sends
// the last ETag in If-None-Match, so an unchanged feed answers 304 without touching the database.
// The list is an aria-live="polite" region: screen readers read each added entry once. Without
// JavaScript the page is a plain list with a reload link. A static file: the CSP allows no inline script.
(function () {
  "use strict";
  var MAX_IDLE = 20; // seconds between polls when nothing changes
  var MAX_ERROR = 60; // seconds between polls after repeated failures

  function start(root) {
    var list = root.querySelector(".gk-live-entries");
    var status = root.querySelector(".gk-live-status");
    var reload = root.querySelector(".gk-live-reload");
    var empty = root.querySelector(".gk-live-empty");
    var url = root.getAttribute("data-live-url");
    var cursor = root.getAttribute("data-live-cursor") || "0";
    var base = Math.max(2, parseInt(root.getAttribute("data-live-poll"), 10) || 4);
    var delay = base;
    var etag = null;
    var timer = null;
    var busy = false;
    var failures = 0;
    var stopped = false;
    if (!list || !url || !window.fetch) {
      return; // the reload link stays
    }
    if (reload) {
      reload.hidden = true;
    }

    function say(text) {
      if (status) {
        status.textContent = text || "";
      }
    }

    function build(item) {
      var li = document.createElement("li");
      li.className = "gk-live-entry";
      li.setAttribute("data-live-id", item.id);
      li.setAttribute("data-live-order", item.order);
      li.setAttribute("data-live-stamp", item.stamp);
      li.innerHTML = item.html; // rendered and escaped by the server's template
      return li;
    }

    function sameOrder(a, b) {
      var x = Number(a), y = Number(b);
      if (!isNaN(x) && !isNaN(y)) {
        return x - y;
      }
      return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
    }

    function place(item) {
      var current = null;
      var nodes = list.children;
      for (var i = 0; i < nodes.length; i++) {
        if (nodes[i].getAttribute("data-live-id") === item.id) {
          current = nodes[i];
          break;
        }
      }
      if (current && current.getAttribute("data-live-stamp") === String(item.stamp)) {
        return false; // already shown (answers repeat a few seconds before the cursor)
      }
      if (item.html === null) {
        if (current) {
          list.removeChild(current);
          return true;
        }
        return false;
      }
      var node = build(item);
      if (current) {
        list.replaceChild(node, current);
        return true;
      }
      var before = null;
      for (var j = 0; j < nodes.length; j++) {
        if (sameOrder(nodes[j].getAttribute("data-live-order"), item.order) > 0) {
          before = nodes[j];
          break;
        }
      }
      list.insertBefore(node, before);
      return true;
    }

    function schedule(seconds) {
      window.clearTimeout(timer);
      if (stopped || document.hidden) {
        return;
      }
      var jitter = 0.8 + Math.random() * 0.4; // viewers who opened together drift apart
      timer = window.setTimeout(poll, Math.round(seconds * 1000 * jitter));
    }

    function apply(data) {
      var added = 0;
      (data.entries || []).forEach(function (item) {
        if (place(item)) {
          added++;
        }
      });
      cursor = String(data.cursor);
      if (added && empty) {
        empty.hidden = true;
      }
      if (data.done) {
        stopped = true;
        say(root.getAttribute("data-live-text-done"));
        if (reload) {
          reload.hidden = false;
        }
      } else if (failures) {
        say("");
      }
      failures = 0;
      delay = added ? base : Math.min(MAX_IDLE, delay * 1.5);
      schedule(data.more ? 0.2 : delay);
    }

    function poll() {
      if (busy || stopped) {
        return;
      }
      busy = true;
      var headers = { Accept: "application/json" };
      if (etag) {
        headers["If-None-Match"] = etag;
      }
      // no-store: the browser adds no conditional header of its own, so a 304 reaches this code.
      fetch(url + (url.indexOf("?") < 0 ? "?" : "&") + "after=" + encodeURIComponent(cursor), {
        headers: headers,
        cache: "no-store",
        credentials: "omit",
      })
        .then(function (response) {
          busy = false;
          if (response.status === 304) {
            failures = 0;
            delay = Math.min(MAX_IDLE, delay * 1.5);
            schedule(delay);
            return null;
          }
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          etag = response.headers.get("ETag");
          return response.json().then(apply);
        })
        .catch(function () {
          busy = false;
          failures++;
          say(root.getAttribute("data-live-text-error"));
          if (reload) {
            reload.hidden = false;
          }
          schedule(Math.min(MAX_ERROR, base * Math.pow(2, failures)));
        });
    }

    document.addEventListener("visibilitychange", function () {
      if (!document.hidden && !stopped) {
        delay = base;
        poll(); // back to the tab: catch up at once
      } else {
        window.clearTimeout(timer);
      }
    });
    schedule(base);
  }

  function init() {
    var roots = document.querySelectorAll(".gk-live[data-live-url]");
    for (var i = 0; i < roots.length; i++) {
      start(roots[i]);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
