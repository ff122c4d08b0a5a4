/* Analysis workspace: follow the progress of a running analysis without reloading. */
(function () {
  "use strict";
  var box = document.getElementById("run-progress");
  if (!box || !box.dataset.progressUrl || !window.fetch) { return; }
  var bar = document.getElementById("progress-bar");
  var message = document.getElementById("progress-message");
  if (!bar) { return; }

  function poll() {
    fetch(box.dataset.progressUrl, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response); })
      .then(function (status) {
        bar.value = status.progress;
        bar.textContent = status.progress + " %";
        if (message) { message.textContent = status.message + " (" + status.progress + " %)"; }
        if (status.finished) { window.location.assign(status.url); } else { window.setTimeout(poll, 1500); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
