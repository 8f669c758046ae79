// Server-rendered HTML for the public pages: a tagged template that escapes every interpolated
// value unless it is already `Html`, and the page shell. No framework: these pages must be small,
// fast and work without JavaScript. Styles are inline in a <style> block (the CSP allows inline
// styles); scripts come only from files served by this app (the CSP allows 'self' scripts only).

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Markup that is already safe: produced by `html` or by escaping. */
export class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString() {
    return this.value;
  }
}

type Part = Html | string | number | boolean | null | undefined | Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false || part === true) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/** `html\`<p>${text}</p>\``: interpolations are escaped; nested `html` results are kept. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#f6f5f3}
main{max-width:560px;margin:0 auto;padding:24px 16px 48px}
.card{background:#fff;border-radius:12px;padding:24px 20px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.firm{font-size:14px;color:#6a6f75;margin:0 0 12px;font-weight:600;letter-spacing:.02em}
h1{font-size:20px;line-height:1.35;margin:0 0 16px}
p{margin:0 0 14px}
.scores{display:grid;grid-template-columns:repeat(11,1fr);gap:4px;margin:0 0 6px;border:0;padding:0}
.scores legend{position:absolute;left:-9999px}
.scores label{display:block;position:relative}
.scores input{position:absolute;opacity:0;inset:0;margin:0}
.scores span{display:flex;align-items:center;justify-content:center;height:44px;border:1px solid #c9ccd1;border-radius:8px;font-weight:600;cursor:pointer;background:#fff}
.scores input:checked+span{background:#e8590c;border-color:#e8590c;color:#fff}
.scores input:focus-visible+span{outline:3px solid #ffc078;outline-offset:1px}
.ends{display:flex;justify-content:space-between;font-size:13px;color:#6a6f75;margin:0 0 20px}
label.field{display:block;font-weight:600;margin:0 0 6px}
textarea,input[type=text],input[type=email]{width:100%;font:inherit;padding:10px 12px;border:1px solid #c9ccd1;border-radius:8px;background:#fff}
textarea{min-height:110px;resize:vertical}
.row{margin:0 0 14px}
button,.button{display:inline-block;font:inherit;font-weight:600;padding:11px 20px;border-radius:8px;border:0;background:#e8590c;color:#fff;cursor:pointer;text-decoration:none;text-align:center}
button.secondary,.button.secondary{background:#fff;color:#1f2328;border:1px solid #c9ccd1}
.actions{display:flex;gap:10px;flex-wrap:wrap;align-items:center;margin-top:18px}
.status{font-size:14px;color:#2b8a3e;min-height:21px;margin:8px 0 0}
.error{background:#fff5f5;border:1px solid #ffc9c9;color:#c92a2a;border-radius:8px;padding:10px 12px;margin:0 0 16px}
.notice{background:#f1f8ff;border:1px solid #c5dcf5;border-radius:8px;padding:10px 12px;margin:0 0 16px}
.reviews{display:grid;gap:8px;margin:0 0 20px}
.muted{color:#6a6f75;font-size:14px}
hr{border:0;border-top:1px solid #e6e6e6;margin:22px 0}
footer{font-size:13px;color:#6a6f75;text-align:center;margin-top:18px}
footer a{color:#6a6f75}
@media (max-width:420px){.scores{grid-template-columns:repeat(6,1fr)}.scores span{height:46px}.card{padding:20px 16px}}
`;

export function page(options: {
  title: string;
  body: Html;
  script?: string;
  footer?: Html;
  /** Rules a page adds to the shared ones. */
  style?: string;
}): string {
  return `<!doctype html>${
    html`<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow">
<meta name="referrer" content="no-referrer">
<title>${options.title}</title>
<style>${new Html(STYLE + (options.style ?? ''))}</style>
${options.script ? html`<script src="${options.script}" defer></script>` : ''}
</head><body><main><div class="card">${options.body}</div>${
      options.footer ? html`<footer>${options.footer}</footer>` : ''
    }</main></body></html>`.value
  }`;
}

/** A page that only says something: not found, expired, too many requests, thank you. */
export function messagePage(title: string, lines: (string | Html)[], firmName?: string): string {
  return page({
    title,
    body: html`${firmName ? html`<p class="firm">${firmName}</p>` : ''}<h1>${title}</h1>${lines.map(
      (line) => html`<p>${line}</p>`,
    )}`,
  });
}
