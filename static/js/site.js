// Autoblog's small progressive enhancements. Every page works without this file.
(() => {
  "use strict";

  // "Share This Photo": without JavaScript a link to the #share-photo panel of
  // plain share links; with it, a button that opens the same panel in a modal
  // <dialog>, plus a "Copy link" button.
  function enhanceShare(link) {
    const panel = document.querySelector(link.getAttribute("href"));
    if (!panel || typeof HTMLDialogElement !== "function") {
      return;
    }
    const heading = panel.querySelector("h2[id]");
    const dialog = document.createElement("dialog");
    dialog.className = "share-dialog";
    dialog.id = `${panel.id}-dialog`;
    if (heading) {
      dialog.setAttribute("aria-labelledby", heading.id);
    }
    panel.before(dialog);
    dialog.append(panel);

    const button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.textContent = link.textContent;
    button.setAttribute("aria-haspopup", "dialog");
    button.setAttribute("aria-controls", dialog.id);
    link.replaceWith(button);

    const closeButton = panel.querySelector("[data-share-close]");
    const copyButton = panel.querySelector("[data-share-copy]");
    const urlField = panel.querySelector("[data-share-url]");
    const status = panel.querySelector("[data-share-status]");
    closeButton.hidden = false;
    copyButton.hidden = false;

    button.addEventListener("click", () => {
      status.textContent = "";
      dialog.showModal();
      // Explicit, because browsers differ on what showModal() focuses.
      const firstLink = panel.querySelector(".share-links a");
      (firstLink || closeButton).focus();
    });
    closeButton.addEventListener("click", () => dialog.close());
    // A click on the backdrop lands on the dialog itself, not on the panel.
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) {
        dialog.close();
      }
    });
    // Escape closes a modal dialog natively; every way of closing ends here.
    dialog.addEventListener("close", () => button.focus());

    copyButton.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(urlField.value);
        status.textContent = "Link copied.";
      } catch {
        urlField.focus();
        urlField.select();
        status.textContent =
          "Your browser did not let us copy the link. It is selected: press Ctrl+C or ⌘C to copy it.";
      }
    });
  }

  document.querySelectorAll("a[data-share-trigger]").forEach(enhanceShare);
})();
