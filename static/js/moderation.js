// Moderation for readers. Without this file the Report link opens a page with
// the same form; with it, the form opens in a modal <dialog> over the comment.
(() => {
  "use strict";

  // Character counters under the report details and the appeal statement.
  function updateCounter(textarea) {
    const counter = document.getElementById(textarea.dataset.moderationCounter);
    if (!counter) return;
    const left = textarea.maxLength - textarea.value.length;
    counter.textContent = `${left.toLocaleString("en-US")} characters left.`;
    counter.classList.toggle("text-danger", left < 50);
  }

  document.addEventListener("input", (event) => {
    if (event.target.matches("textarea[data-moderation-counter]")) {
      updateCounter(event.target);
    }
  });
  document.querySelectorAll("textarea[data-moderation-counter]").forEach(updateCounter);

  if (typeof HTMLDialogElement !== "function") return;

  // One dialog for the page, made on first use. Its status region is there
  // before any message, so that screen readers announce what is put in it.
  let dialog = null;
  let content = null;
  let status = null;
  let opener = null;
  let busy = false;

  function ensureDialog() {
    if (dialog) return;
    dialog = document.createElement("dialog");
    dialog.className = "report-dialog";
    dialog.setAttribute("aria-labelledby", "report-title");
    content = document.createElement("div");
    status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    dialog.append(content, status);
    document.body.append(dialog);

    dialog.addEventListener("click", (event) => {
      if (event.target.closest("[data-report-close]")) {
        dialog.close();
        return;
      }
      // A click on the backdrop lands on the dialog itself, outside its box.
      if (event.target === dialog) {
        const box = dialog.getBoundingClientRect();
        const outside =
          event.clientX < box.left || event.clientX > box.right ||
          event.clientY < box.top || event.clientY > box.bottom;
        if (outside) dialog.close();
      }
    });
    dialog.addEventListener("submit", submit);
    // Escape closes a modal dialog natively; every way of closing ends here.
    dialog.addEventListener("close", () => {
      content.replaceChildren();
      status.textContent = "";
      if (opener && opener.isConnected) opener.focus();
      opener = null;
    });
  }

  // The server answers a request marked HX-Request with only the dialog's
  // part, marked data-report-fragment; anything else (a 404 page, an error)
  // means the dialog cannot show it.
  async function fetchFragment(url, options) {
    const response = await fetch(url, {
      ...options,
      credentials: "same-origin",
      headers: { "HX-Request": "true" },
    });
    const redirect = response.headers.get("HX-Redirect");
    if (redirect) {
      window.location.assign(redirect);
      return null;
    }
    const template = document.createElement("template");
    template.innerHTML = await response.text();
    const fragment = template.content.querySelector("[data-report-fragment]");
    if (!fragment) throw new Error(`No report form in the answer (${response.status}).`);
    return fragment;
  }

  function focusInside() {
    const target =
      content.querySelector("[data-report-error]") ||
      content.querySelector("input[type=radio]:checked") ||
      content.querySelector("input[type=radio]") ||
      content.querySelector("[data-report-close]");
    if (target) target.focus();
  }

  function show(fragment) {
    content.replaceChildren(fragment);
    content.querySelectorAll("textarea[data-moderation-counter]").forEach(updateCounter);
    if (!dialog.open) dialog.showModal();
    focusInside();
  }

  async function open(link) {
    if (busy) return;
    busy = true;
    link.setAttribute("aria-busy", "true");
    try {
      const fragment = await fetchFragment(link.href, { method: "GET" });
      if (!fragment) return;
      ensureDialog();
      opener = link;
      show(fragment);
    } catch {
      // The page behind the link shows the same form, or says what is wrong.
      window.location.assign(link.href);
    } finally {
      busy = false;
      link.removeAttribute("aria-busy");
    }
  }

  async function submit(event) {
    const form = event.target.closest("form.report-form");
    if (!form) return;
    event.preventDefault();
    if (busy) return;
    busy = true;
    const button = form.querySelector("[type=submit]");
    button.disabled = true;
    try {
      const fragment = await fetchFragment(form.action, {
        method: "POST",
        body: new FormData(form),
      });
      if (!fragment) return;
      show(fragment);
      const ack = content.querySelector("[data-report-ack]");
      if (ack) status.textContent = ack.textContent.trim();
    } catch {
      status.textContent = "";
      const problem = document.createElement("p");
      problem.className = "alert alert-danger";
      problem.setAttribute("role", "alert");
      problem.setAttribute("tabindex", "-1");
      problem.dataset.reportError = "";
      problem.textContent =
        "Your report could not be sent just now. Please try again in a moment.";
      form.querySelector("[data-report-error]")?.remove();
      form.prepend(problem);
      problem.focus();
    } finally {
      busy = false;
      button.disabled = false;
    }
  }

  // One listener for every comment's Report link, rather than attributes on
  // each of a thousand comments. Keyboard activation (Enter) is a click too.
  document.addEventListener("click", (event) => {
    const link = event.target.closest('#comment-list li.c a[href$="/report/"]');
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    open(link);
  });
})();
