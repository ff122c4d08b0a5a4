/* Planner pages: idle warning, copy link, live response count, print. Works without it too. */
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

  var live = document.querySelector("[data-live-count]");
  if (live) {
    var target = document.getElementById("live-count");
    var poll = setInterval(function () {
      fetch(live.dataset.liveCount, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) { clearInterval(poll); return null; }
          return response.json();
        })
        .then(function (data) {
          if (data && target && String(data.responses) !== target.textContent) {
            target.textContent = String(data.responses);
          }
        })
        .catch(function () { clearInterval(poll); });
    }, parseInt(live.dataset.interval || "15000", 10));
  }

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
