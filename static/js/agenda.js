// The agenda builder: drag and drop with SortableJS, saved at once with htmx.
// Without JavaScript the Up / Down / Indent / Outdent buttons (plain forms) do the same.
(function () {
  "use strict";
  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function bind() {
    var tree = document.getElementById("agenda-tree");
    if (!tree || typeof Sortable === "undefined" || typeof htmx === "undefined") { return; }
    tree.querySelectorAll("[data-sortable]").forEach(function (list) {
      Sortable.create(list, {
        handle: ".drag-handle",
        animation: 150,
        onEnd: function (event) {
          if (event.oldIndex === event.newIndex) { return; }
          var ids = Array.prototype.map.call(list.children, function (li) { return li.getAttribute("data-id"); });
          htmx.ajax("POST", tree.getAttribute("data-reorder-url"), {
            target: "#agenda-tree",
            swap: "outerHTML",
            headers: { "X-CSRFToken": csrfToken() },
            values: { order: ids.join(","), parent: list.getAttribute("data-parent"), version: tree.getAttribute("data-version") }
          });
        }
      });
    });
    document.querySelectorAll(".drag-handle").forEach(function (handle) { handle.style.cursor = "grab"; });
  }
  document.addEventListener("DOMContentLoaded", bind);
  document.addEventListener("htmx:afterSettle", bind);
})();
