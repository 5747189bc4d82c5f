// The day sheet's Print button: printing needs script, and the CSP forbids inline handlers. Without
// script the button stays hidden and the page's hint (Ctrl+P) still holds.
for (const button of document.querySelectorAll("button[data-print]")) {
  button.addEventListener("click", () => globalThis.print());
  button.hidden = false;
}
