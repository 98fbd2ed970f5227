// The discussion's enhancements. Every control works without them: Reply and
// Edit are links to pages, Like is a button that submits a form.
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

  // One listener for the whole list rather than htmx attributes on each of a
  // thousand comments: Reply opens its form under the comment, Edit swaps the
  // comment for its form, Like updates the comment in place.
  document.addEventListener("click", function (event) {
    if (!window.htmx) return;
    var control = event.target.closest("#comment-list a.r, #comment-list a.e, #comment-list button.like");
    if (!control) return;
    var item = control.closest("li.c");
    event.preventDefault();
    if (control.matches("a.r")) {
      if (item.querySelector(":scope > form.comment-form")) {
        item.querySelector(":scope > form.comment-form textarea").focus();
        return;
      }
      htmx.ajax("GET", control.href, { source: control, target: item, swap: "beforeend" });
    } else if (control.matches("a.e")) {
      htmx.ajax("GET", control.href, { source: control, target: item, swap: "outerHTML" });
    } else {
      htmx.ajax("POST", control.formAction, { source: control, target: item, swap: "outerHTML" });
    }
  });

  // A form loaded in place takes the focus, with its counter set.
  document.addEventListener("htmx:afterSettle", function (event) {
    var box = event.detail.target && event.detail.target.querySelector("form textarea[data-counter]");
    if (!box) return;
    updateCounter(box);
    if (event.detail.requestConfig && event.detail.requestConfig.verb === "get") box.focus();
  });

  document.querySelectorAll("textarea[data-counter]").forEach(updateCounter);
})();
