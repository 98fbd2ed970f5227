// The discussion's small enhancements; every control works without them.
(function () {
  "use strict";

  // Live character counter under each comment box.
  function updateCounter(textarea) {
    var status = document.querySelector('[data-counter-for="' + textarea.id + '"]');
    if (!status) return;
    var max = parseInt(textarea.getAttribute("maxlength"), 10) || 3000;
    var left = max - textarea.value.length;
    status.textContent = left.toLocaleString("en-US") + " characters left.";
    status.classList.toggle("text-danger", left < 100);
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches("textarea[data-counter]")) updateCounter(event.target);
  });

  // A reply or edit form loaded in place takes the focus, with its counter set.
  document.addEventListener("htmx:afterSwap", function (event) {
    var box = event.detail.elt.querySelector
      ? event.detail.elt.querySelector("textarea[data-counter]")
      : null;
    if (!box && event.detail.target) {
      box = event.detail.target.querySelector("textarea[data-counter]");
    }
    if (box) {
      updateCounter(box);
      if (event.detail.requestConfig && event.detail.requestConfig.verb === "get") {
        box.focus();
      }
    }
  });

  document.querySelectorAll("textarea[data-counter]").forEach(updateCounter);
})();
