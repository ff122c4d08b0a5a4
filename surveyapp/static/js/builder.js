// The builder without a reload where JavaScript runs; every page works without it too.
(function () {
  "use strict";

  // Condition: show only the answers of the question chosen in the select.
  var select = document.getElementById("show_if_question");
  if (select) {
    var groups = document.querySelectorAll("[data-condition-for]");
    var update = function () {
      groups.forEach(function (group) {
        var match = group.getAttribute("data-condition-for") === select.value;
        group.hidden = !match;
        if (!match) {
          group.querySelectorAll("input").forEach(function (box) { box.checked = false; });
        }
      });
    };
    select.addEventListener("change", update);
    update();
  }

  // Drag and drop inside a section; the new order is posted as a form (Post/Redirect/Get).
  var token = document.querySelector("input[name=csrf_token]");
  document.querySelectorAll("ol[data-reorder]").forEach(function (list) {
    var dragged = null;
    list.querySelectorAll(":scope > li").forEach(function (item) {
      item.setAttribute("draggable", "true");
      item.addEventListener("dragstart", function (event) {
        dragged = item;
        item.classList.add("dragging");
        event.dataTransfer.effectAllowed = "move";
      });
      item.addEventListener("dragend", function () { item.classList.remove("dragging"); });
      item.addEventListener("dragover", function (event) {
        if (!dragged || dragged === item) { return; }
        event.preventDefault();
        var box = item.getBoundingClientRect();
        var after = event.clientY > box.top + box.height / 2;
        list.insertBefore(dragged, after ? item.nextSibling : item);
      });
    });
    list.addEventListener("drop", function (event) {
      event.preventDefault();
      if (!dragged || !token) { return; }
      var keys = Array.prototype.map.call(list.querySelectorAll(":scope > li"), function (li) {
        return li.getAttribute("data-key");
      });
      var form = document.createElement("form");
      form.method = "post";
      form.action = list.getAttribute("data-reorder");
      [["csrf_token", token.value], ["order", keys.join(",")]].forEach(function (pair) {
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = pair[0];
        input.value = pair[1];
        form.appendChild(input);
      });
      document.body.appendChild(form);
      form.submit();
    });
  });
})();
