/* Planner pages: idle warning, copy link, live response counts, print. Works without it too. */
(function () {
  "use strict";
  var script = document.querySelector("script[data-idle-seconds]");
  var idle = script ? parseInt(script.dataset.idleSeconds, 10) : 0;
  var warn = script ? parseInt(script.dataset.warningSeconds, 10) : 0;
  var warning = document.getElementById("idle-warning");
  var timers = [];

  function startIdleTimers() {
    timers.forEach(clearTimeout);
    timers = [];
    if (!idle || !warning) return;
    warning.hidden = true;
    timers.push(setTimeout(function () { warning.hidden = false; }, Math.max(idle - warn, 0) * 1000));
    // the server ends the session; reloading shows the sign-in page with the reason
    timers.push(setTimeout(function () { window.location.reload(); }, (idle + 2) * 1000));
  }

  var keepAlive = warning && warning.querySelector("form[data-keep-alive]");
  if (keepAlive) {
    keepAlive.addEventListener("submit", function (event) {
      event.preventDefault();
      fetch(keepAlive.action, { method: "POST", body: new FormData(keepAlive), credentials: "same-origin" })
        .then(function (response) {
          if (response.ok) { startIdleTimers(); } else { window.location.reload(); }
        });
    });
  }
  startIdleTimers();

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var field = document.getElementById(button.dataset.copy);
      var status = document.getElementById("copy-status");
      field.select();
      var done = function () { if (status) status.textContent = button.dataset.copied; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  });

  // The share page counts responses as they arrive; the overview says that new ones have
  // come and offers to reload (redrawing its charts under a reader's eyes would lose their place).
  document.querySelectorAll("[data-live-count]").forEach(function (live) {
    var count = live.querySelector("[data-count]");
    var fresh = live.querySelector("[data-new]");
    var shown = parseInt(live.dataset.shown || "0", 10);
    var poll = setInterval(function () {
      fetch(live.dataset.liveCount, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) { clearInterval(poll); return null; }
          return response.json();
        })
        .then(function (data) {
          if (!data) return;
          if (count && String(data.responses) !== count.textContent) {
            count.textContent = String(data.responses);
          }
          if (fresh && data.responses > shown) {
            fresh.querySelector("[data-new-count]").textContent = String(data.responses - shown);
            fresh.hidden = false;
          }
        })
        .catch(function () { clearInterval(poll); });
    }, parseInt(live.dataset.interval || "15000", 10));
  });

  // After an import the overview follows the worker reading the answers' meaning.
  var reading = document.getElementById("reading");
  if (reading && reading.dataset.readingUrl && window.fetch) {
    var bar = document.getElementById("reading-bar");
    var message = document.getElementById("reading-message");
    var follow = function () {
      fetch(reading.dataset.readingUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response); })
        .then(function (status) {
          bar.max = Math.max(status.total, 1);
          bar.value = status.done;
          bar.textContent = status.done + "/" + status.total;
          if (status.reading) {
            message.textContent = message.dataset.template
              .replace("{done}", status.done).replace("{total}", status.total);
            setTimeout(follow, 2000);
          } else {
            bar.value = bar.max;
            message.textContent = message.dataset.finished;
          }
        })
        .catch(function () { setTimeout(follow, 10000); });
    };
    setTimeout(follow, 1000);
  }

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
