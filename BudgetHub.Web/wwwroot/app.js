// Small browser helpers for BudgetHub pages.
window.budgetHub = {
  // Saves text as a file (CSV export) without a round trip to the server.
  download(fileName, mimeType, text) {
    const blob = new Blob([text], { type: mimeType });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  },

  // Escape in an open suggestion list closes the list, not the dialog around it: the dialog
  // listens for Escape on its container, so the key goes no further up than this element.
  keepEscapeInOpenLists(element, component) {
    element.addEventListener('keydown', event => {
      if (event.key === 'Escape' && event.target.getAttribute('aria-expanded') === 'true') {
        event.stopPropagation();
        component.invokeMethodAsync('EscapeInListAsync');
      }
    });
  },

  // The value of an attribute of the element that has the focus, so that the page can give the focus
  // back to the same item after a live update has re-rendered it.
  focusedAttribute(name) {
    return document.activeElement?.getAttribute(name) ?? null;
  },

  // After an action removes the button that had the focus, keyboard users carry on from the
  // first element that matches, in the order given, instead of from the top of the page.
  focusFirst(selectors) {
    for (const selector of selectors) {
      const element = document.querySelector(selector);
      if (element) {
        element.focus();
        return;
      }
    }
  }
};

// Fields inside .bh-select-on-focus select their text when they get the focus, so that typing
// replaces it (a time zone search starts afresh). Done in the browser, not with MudBlazor's
// SelectOnActivation, whose select() comes back from the server: on a slow connection it arrived
// after the user had moved on, and took the focus back.
document.addEventListener('focusin', event => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.closest('.bh-select-on-focus')) {
    return;
  }

  input.select();
  // A click's mouseup would put the caret where the pointer is and drop the selection.
  const keepSelection = e => e.preventDefault();
  input.addEventListener('mouseup', keepSelection, { once: true });
  input.addEventListener('blur', () => input.removeEventListener('mouseup', keepSelection), { once: true });
});
