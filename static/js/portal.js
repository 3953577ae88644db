// Progressive enhancement only: every page works without JavaScript.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  function unit(value, name) {
    return new Intl.NumberFormat(lang, { style: "unit", unit: name, unitDisplay: "long" }).format(value);
  }
  // Live countdowns: the server renders the text; this only refreshes it every 30 seconds.
  function refresh(el) {
    var deadline = Date.parse(el.getAttribute("data-deadline"));
    if (isNaN(deadline)) { return; }
    var seconds = Math.floor((deadline - Date.now()) / 1000);
    if (seconds <= 0) {
      el.textContent = el.getAttribute("data-passed") || el.textContent;
      return;
    }
    var d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600), m = Math.floor(seconds % 3600 / 60);
    var parts = [];
    if (d) { parts.push(unit(d, "day")); }
    if (d || h) { parts.push(unit(h, "hour")); }
    if (!d) { parts.push(unit(m, "minute")); }
    el.textContent = (el.getAttribute("data-template") || "%s").replace("%s", parts.join(" "));
  }
  function tick() { document.querySelectorAll("[data-deadline]").forEach(refresh); }
  // The deadline in the reader's own time zone, only when it reads differently from the
  // meeting's (a reader in Geneva sees it once).
  function localTime(el) {
    var when = new Date(el.getAttribute("data-local-time"));
    if (isNaN(when.getTime())) { return; }
    var options = { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" };
    var zone = el.getAttribute("data-zone");
    try {
      var there = new Intl.DateTimeFormat(lang, Object.assign({ timeZone: zone }, options)).format(when);
      if (there === new Intl.DateTimeFormat(lang, options).format(when)) { return; }
    } catch (e) { /* an unknown zone: show the reader's time */ }
    var text = new Intl.DateTimeFormat(lang, Object.assign({ timeZoneName: "short" }, options)).format(when);
    el.textContent = "· " + text + " (" + el.getAttribute("data-label") + ")";
    el.hidden = false;
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-local-time]").forEach(localTime);
  });
  document.addEventListener("DOMContentLoaded", function () { tick(); setInterval(tick, 30000); });
})();

// Contributions: a form sent once shows it. The server makes a second send harmless anyway
// (a creation token and versioned drafts); this only spares the user a second wait.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.getAttribute("data-sent")) { event.preventDefault(); return; }
    if (!form.querySelector("[data-once]")) { return; }
    form.setAttribute("data-sent", "1");
    form.setAttribute("aria-busy", "true");
  });
})();

// Revision upload: say "this adds a French version" as soon as a language without a file is
// chosen (the server asks for the same confirmation when JavaScript is off).
(function () {
  "use strict";
  function update(box) {
    var form = box.closest("form");
    var select = form && form.querySelector("select[data-existing]");
    if (!select) { return; }
    var existing = (select.getAttribute("data-existing") || "").split(" ");
    var isNew = existing.indexOf(select.value) === -1;
    box.querySelectorAll("[data-hint-for]").forEach(function (hint) {
      hint.hidden = hint.getAttribute("data-hint-for") !== select.value;
    });
    box.hidden = !isNew;
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-new-language]").forEach(function (box) {
      update(box);
      var select = box.closest("form").querySelector("select[data-existing]");
      if (select) { select.addEventListener("change", function () { update(box); }); }
    });
  });
})();

// After a failed submit: focus goes to the error summary; its links focus their field.
// After an action that succeeded (the page after a POST-redirect-GET): focus goes to its message,
// unless the page puts focus elsewhere itself (autofocus, as the agenda builder's Up button).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); return; }
    var messages = document.querySelector("[data-messages]");
    if (messages && !document.querySelector("[autofocus]")) { messages.focus(); }
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) { return; }
    var id = link.getAttribute("href").slice(1);
    var field = document.getElementById(id) || document.getElementById(id + "_0");
    if (!field) { return; }
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: "center" });
  });
})();

// The Source picker: the checkboxes become a type-to-filter picker (Tom Select) whose choices
// stay in the checkboxes, which the form sends. Without Tom Select, a filter box over the
// checkboxes; without JavaScript, the checkboxes alone.
(function () {
  "use strict";
  function labelText(box) {
    var label = box.parentNode.querySelector("label[for='" + box.id + "']");
    return label ? label.textContent.trim() : box.value;
  }
  // The page's translated words for Tom Select (includes/picker_text.html); English without it.
  function pickerText(name, fallback) {
    var holder = document.getElementById("picker-text");
    return (holder && holder.getAttribute("data-" + name)) || fallback;
  }
  function noResults() {
    var div = document.createElement("div");
    div.className = "no-results";
    div.textContent = pickerText("no-results", "No results found");
    return div;
  }
  function withTomSelect(picker, boxes) {
    var select = document.createElement("select");
    select.multiple = true;
    select.id = picker.id + "_picker";
    boxes.forEach(function (box) {
      select.add(new Option(labelText(box), box.value, box.checked, box.checked));
    });
    var legend = picker.closest("fieldset") && picker.closest("fieldset").querySelector("legend");
    if (legend) {
      legend.id = legend.id || picker.id + "_legend";
      select.setAttribute("aria-labelledby", legend.id);
    }
    picker.parentNode.insertBefore(select, picker);
    picker.hidden = true;
    // eslint-disable-next-line no-new
    new window.TomSelect(select, {
      plugins: { remove_button: { title: pickerText("remove", "Remove") } },
      maxOptions: null,
      render: { no_results: noResults },
      placeholder: picker.getAttribute("data-placeholder"),
      onChange: function (values) {
        boxes.forEach(function (box) { box.checked = values.indexOf(box.value) !== -1; });
      }
    });
  }
  function withFilterBox(picker, boxes) {
    var input = document.createElement("input");
    input.type = "search";
    input.className = "form-control picker-filter";
    input.setAttribute("aria-label", picker.getAttribute("data-filter-label"));
    input.setAttribute("aria-controls", picker.id);
    picker.parentNode.insertBefore(input, picker);
    input.addEventListener("input", function () {
      var words = input.value.trim().toLowerCase();
      boxes.forEach(function (box) {
        box.parentNode.hidden = words !== "" && labelText(box).toLowerCase().indexOf(words) === -1;
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-picker]").forEach(function (picker) {
      // The server's filter box (a submit button, for when JavaScript is off) gives way to
      // filtering as one types; it would also take the Enter key from the form's own buttons.
      picker.querySelectorAll("[data-picker-filter], [data-picker-filter] + [role=status]").forEach(
        function (element) { element.remove(); }
      );
      var boxes = Array.prototype.slice.call(picker.querySelectorAll("input[type=checkbox]"));
      if (window.TomSelect) { withTomSelect(picker, boxes); } else { withFilterBox(picker, boxes); }
    });
    if (window.TomSelect) {
      document.querySelectorAll("select[data-picker-select]").forEach(function (select) {
        var label = document.querySelector("label[for='" + select.id + "']");
        // eslint-disable-next-line no-new
        new window.TomSelect(select, {
          maxOptions: null, allowEmptyOption: true, render: { no_results: noResults }
        });
        // Tom Select points the label at its own control: the hidden select keeps a name.
        if (label) { select.setAttribute("aria-label", label.textContent.trim()); }
      });
    }
  });
})();

// htmx swaps: when the swap took away the element that had focus (a facet, a page link), focus
// goes to the new content's [data-swap-focus] (the library's result count), which is then read;
// when focus stayed (typing in the search box), that text is said in the page's live region
// ([data-swap-status], there before the swap: a region added with its text is not always read).
(function () {
  "use strict";
  document.addEventListener("htmx:afterSettle", function (event) {
    var anchor = event.detail.target && event.detail.target.querySelector("[data-swap-focus]");
    if (!anchor) { return; }
    var active = document.activeElement;
    if (!active || active === document.body || !document.body.contains(active)) {
      anchor.focus();
      return;
    }
    var live = document.querySelector("[data-swap-status]");
    if (!live) { return; }
    live.textContent = "";
    setTimeout(function () { live.textContent = anchor.textContent.trim(); }, 100);
  });
})();
