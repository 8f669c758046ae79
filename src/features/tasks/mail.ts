// The small HTML frame shared by the task mails (digest, overdue notices).

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export function mailLayout(inner: string): string {
  return `<!doctype html><html><body style="margin:0;padding:24px;background:#f8f9fa;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#212529;font-size:15px;line-height:1.5"><div style="max-width:560px;margin:0 auto;background:#fff;border:1px solid #dee2e6;border-radius:8px;padding:24px">${inner}</div></body></html>`;
}
