/* Idévegg: votes without reloading, a character counter, and live numbers on the big screen.
   Plain JavaScript; every page also works without it. Text is only ever set with textContent. */
(function () {
  "use strict";

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); });
  }

  /* --- participant: vote in the background, show the next statement --- */
  function setupVoting(area) {
    var form = area.querySelector("[data-vote-form]");
    if (!form) return;
    var status = area.querySelector("[data-status]");
    var waiting = null;

    function show(data) {
      var progress = area.querySelector("[data-progress]");
      progress.textContent = fill(progress.getAttribute("data-template"), data);
      var has = !!data.next;
      area.querySelector("[data-has-next]").hidden = !has;
      area.querySelector("[data-empty]").hidden = has;
      if (has) {
        area.querySelector("[data-prompt]").textContent = data.next.prompt;
        area.querySelector("[data-text]").textContent = data.next.text;
        area.querySelector("[data-statement-id]").value = data.next.id;
      }
      clearTimeout(waiting);
      if (!has && data.open) {
        waiting = setTimeout(function () { getJSON(area.getAttribute("data-next-url")).then(show, function () {}); }, 5000);
      }
      return has;
    }

    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!window.fetch || !window.FormData || !button) return;
      event.preventDefault();
      if (area.getAttribute("aria-busy") === "true") return;
      var body = new FormData(form);
      body.append(button.name, button.value);
      area.setAttribute("aria-busy", "true");
      fetch(form.action, { method: "POST", body: body, credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) {
          if (r.status !== 200 && r.status !== 409) throw r.status;
          return r.json();
        })
        .then(function (data) {
          status.textContent = data.message || "";
          if (show(data)) area.querySelector("[data-text]").focus();
        })
        .catch(function () { form.submit(); })
        .then(function () { area.removeAttribute("aria-busy"); });
    });
    if (!area.querySelector("[data-has-next]").hidden) return;
    waiting = setTimeout(function () { getJSON(area.getAttribute("data-next-url")).then(show, function () {}); }, 5000);
  }

  /* --- participant: characters left --- */
  function setupCounter(field) {
    var out = document.getElementById(field.getAttribute("data-counter"));
    var max = parseInt(field.getAttribute("maxlength"), 10);
    function update() { out.textContent = fill(out.getAttribute("data-counter-template"), { n: max - field.value.length }); }
    field.addEventListener("input", update);
    update();
  }

  /* --- big screen: poll the numbers --- */
  function setupScreen(main) {
    var url = main.getAttribute("data-poll-url");
    var every = 1000 * (parseInt(main.getAttribute("data-poll-seconds"), 10) || 3);
    var votesTemplate = main.getAttribute("data-votes-template");

    function list(key, items) {
      var ol = main.querySelector('[data-list="' + key + '"]');
      var fresh = document.createDocumentFragment();
      items.forEach(function (item) {
        var li = document.createElement("li");
        var text = document.createElement("span");
        text.className = "s-text";
        text.textContent = item.text;
        var votes = document.createElement("span");
        votes.className = "s-votes";
        votes.textContent = fill(votesTemplate, item);
        li.appendChild(text);
        li.appendChild(votes);
        fresh.appendChild(li);
      });
      ol.replaceChildren(fresh);
      main.querySelector('[data-empty-for="' + key + '"]').hidden = items.length > 0;
    }

    function update(data) {
      ["participants", "voters", "statements", "votes", "pending"].forEach(function (key) {
        main.querySelector('[data-count="' + key + '"]').textContent = data[key];
      });
      main.querySelector("[data-closed]").hidden = data.state === "open";
      list("agreed", data.agreed);
      list("split", data.split);
    }

    function poll() {
      getJSON(url).then(update, function () {}).then(function () { setTimeout(poll, every); });
    }
    setTimeout(poll, every);
  }

  /* --- moderation: tell the moderator when new statements arrive --- */
  function setupModeration(box) {
    var known = parseInt(box.getAttribute("data-pending"), 10);
    function poll() {
      getJSON(box.getAttribute("data-poll-url")).then(function (data) {
        box.querySelector("[data-new-pending]").hidden = data.pending <= known;
      }, function () {}).then(function () { setTimeout(poll, 5000); });
    }
    setTimeout(poll, 5000);
  }

  document.querySelectorAll("[data-vote-area]").forEach(setupVoting);
  document.querySelectorAll("[data-counter]").forEach(setupCounter);
  document.querySelectorAll("[data-screen]").forEach(setupScreen);
  document.querySelectorAll("[data-moderation]").forEach(setupModeration);
})();
