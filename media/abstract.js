// The abstract webview's only script: buttons and links post messages to the extension, which validates
// them; the shown paper id, and whether this is the reusable preview panel, are kept with setState so the panel
// survives being hidden or a window reload as what it was.
(function () {
  const vscode = acquireVsCodeApi();
  const id = document.body.dataset.paperId;
  vscode.setState({ id, preview: document.body.hasAttribute('data-preview') });
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button[data-action], a[href]') : null;
    if (!target) return;
    event.preventDefault();
    if (target.tagName === 'A') {
      vscode.postMessage({ type: 'open', id, url: target.getAttribute('href') });
      return;
    }
    const type = target.getAttribute('data-action');
    if (type === 'open') vscode.postMessage({ type, id, url: target.getAttribute('data-url') });
    else if (target.hasAttribute('data-arg')) vscode.postMessage({ type, id, arg: target.getAttribute('data-arg') });
    else vscode.postMessage({ type, id });
  });
})();
