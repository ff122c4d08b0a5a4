/* Answer pages, enhanced. Everything here is optional: without it the pages still work,
 * and the server decides what is saved. This file mirrors surveyapp/questions/conditions.py
 * for show_if, so hidden questions disappear as soon as an answer changes. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function answersTo(form, key) {
    var values = [];
    form.querySelectorAll('[name="q-' + key + '"]').forEach(function (input) {
      if (input.disabled) return;
      var isChoice = input.type === "radio" || input.type === "checkbox";
      if (isChoice ? input.checked : input.value !== "") values.push(input.value);
    });
    return values;
  }

  /* show_if: shown when the earlier question is shown and has one of the values. */
  function applyConditions(form) {
    form.querySelectorAll("[data-show-if-question]").forEach(function (wrapper) {
      var key = wrapper.getAttribute("data-show-if-question");
      var wanted = JSON.parse(wrapper.getAttribute("data-show-if-values"));
      var target = document.getElementById("question-" + key);
      var met = !(target && target.hidden) && answersTo(form, key).some(function (v) {
        return wanted.indexOf(v) !== -1;
      });
      wrapper.hidden = !met;
      wrapper.querySelectorAll("input, textarea, select").forEach(function (input) {
        input.disabled = !met;
      });
    });
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return String(values[name]); });
  }

  /* A visible count of characters, and a spoken note when the limit is close. */
  function setUpCounter(counter) {
    var field = document.getElementById(counter.getAttribute("data-count-for"));
    if (!field) return;
    var limit = parseInt(counter.getAttribute("data-limit"), 10);
    var spoken = document.createElement("p");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    counter.parentNode.insertBefore(spoken, counter.nextSibling);
    var timer = null;
    function update() {
      var count = field.value.length;
      counter.textContent = fill(counter.getAttribute("data-template"), { count: count, limit: limit });
      var near = count >= limit * 0.9;
      counter.classList.toggle("near-limit", near);
      clearTimeout(timer);
      timer = setTimeout(function () {
        spoken.textContent = near ? fill(counter.getAttribute("data-remaining"), { left: limit - count }) : "";
      }, 1200);
    }
    field.addEventListener("input", update);
  }

  /* One submission at a time; a retry is possible again after a while (network trouble). */
  function guardSubmit(form) {
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-submitting")) {
        event.preventDefault();
        return;
      }
      form.setAttribute("data-submitting", "1");
      var button = event.submitter;
      if (button) button.setAttribute("aria-disabled", "true");
      setTimeout(function () {
        form.removeAttribute("data-submitting");
        if (button) button.removeAttribute("aria-disabled");
      }, 8000);
    });
    window.addEventListener("pageshow", function () {
      form.removeAttribute("data-submitting");
      form.querySelectorAll("[aria-disabled]").forEach(function (b) { b.removeAttribute("aria-disabled"); });
    });
  }

  /* Changing language on an answer page saves what is typed on the page first. */
  function saveOnLanguageChange(form) {
    document.querySelectorAll(".lang-switch a[lang]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var action = document.createElement("input");
        action.type = "hidden";
        action.name = "action";
        action.value = "lang-" + link.getAttribute("lang");
        form.appendChild(action);
        form.submit();
      });
    });
  }

  function setUpCopy(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".copy-status");
    if (!source || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        if (status) status.textContent = button.getAttribute("data-done");
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("[data-answer-form]");
    if (form) {
      applyConditions(form);
      form.addEventListener("change", function () { applyConditions(form); });
      guardSubmit(form);
      saveOnLanguageChange(form);
    }
    document.querySelectorAll("[data-count-for]").forEach(setUpCounter);
    document.querySelectorAll("[data-copy]").forEach(setUpCopy);
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
  });
})();
