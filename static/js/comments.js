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

  function depthOf(item) {
    var match = /\bd(\d)\b/.exec(item.className);
    return match ? parseInt(match[1], 10) : 0;
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches("textarea[data-counter]")) updateCounter(event.target);
  });

  // One listener for the whole list rather than htmx attributes on each of a
  // thousand comments: Reply opens its form under the comment, Edit swaps the
  // comment for its form, Like updates the comment in place.
  document.addEventListener("click", function (event) {
    if (!window.htmx) return;
    // A click meant to open the link in a new tab or window stays a link.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var control = event.target.closest("#comment-list a.r, #comment-list a.e, #comment-list button.like");
    if (!control) return;
    var item = control.closest("li.c");
    event.preventDefault();
    if (control.matches("a.r")) {
      var open = item.querySelector(":scope > form.comment-form textarea");
      if (open) {
        open.focus();
        return;
      }
      htmx.ajax("GET", control.href, { source: control, target: item, swap: "beforeend" });
    } else if (control.matches("a.e")) {
      htmx.ajax("GET", control.href, { source: control, target: item, swap: "outerHTML" });
    } else {
      htmx.ajax("POST", control.formAction, { source: control, target: item, swap: "outerHTML" });
    }
  });

  // htmx 2 does not swap 4xx answers. The discussion's views answer a refused
  // form with the form again (the reader's text and the reason in it), and a
  // refused Like with a message: both are meant to be shown. Other errors
  // (a missing page, a server error) are not swapped into the discussion.
  var SHOWN_REFUSALS = [400, 403, 409, 429];
  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (SHOWN_REFUSALS.indexOf(detail.xhr.status) === -1) return;
    var source = detail.requestConfig && detail.requestConfig.elt;
    if (!source || !source.closest("#comments, .comment-page")) return;
    detail.shouldSwap = true;
    detail.isError = false;
    if (!source.matches("form")) {
      // The message goes under the comment; the comment itself stays.
      var item = detail.target;
      item.querySelectorAll(":scope > .alert").forEach(function (alert) { alert.remove(); });
      detail.swapOverride = "beforeend";
    }
  });

  // A posted reply comes back in place of its inline form, nested in the
  // comment it answers. Move it into the flat list, where a reload would show
  // it: after the last comment of the thread it joins.
  document.addEventListener("htmx:afterSwap", function (event) {
    var wrapper = event.target;
    if (!wrapper.matches || !wrapper.matches("ol.new-reply")) return;
    var reply = wrapper.querySelector(":scope > li.c");
    var answered = wrapper.closest("li.c");
    if (!reply || !answered || !answered.parentElement.matches("#comment-list")) return;
    var depth = depthOf(reply);
    var last = answered;
    while (
      last.nextElementSibling &&
      last.nextElementSibling.matches("li.c") &&
      depthOf(last.nextElementSibling) >= depth
    ) {
      last = last.nextElementSibling;
    }
    last.after(reply);
    wrapper.remove();
  });

  // A form loaded in place, or sent back refused, takes the focus, with its
  // counter set.
  document.addEventListener("htmx:afterSettle", function (event) {
    var root = event.target;
    if (!root.querySelector) return;
    var box = root.matches("textarea[data-counter]") ? root : root.querySelector("form textarea[data-counter]");
    if (!box) return;
    updateCounter(box);
    var loaded = event.detail.requestConfig && event.detail.requestConfig.verb === "get";
    var refused = event.detail.xhr && event.detail.xhr.status >= 400;
    if (loaded || refused) box.focus();
  });

  document.querySelectorAll("textarea[data-counter]").forEach(updateCounter);
})();
