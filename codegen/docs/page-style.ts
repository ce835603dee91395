/**
 * The one stylesheet of the docs' Markdown pages (index, SDK guide, changelog): a readable column
 * that never makes a phone scroll sideways. Long code, tables and paths scroll or wrap inside their
 * own box instead of widening the page.
 */
export const PAGE_STYLE = `*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f1f1f;background:#fff}
header{background:#5a1e2b;padding:.75rem 1rem}
header nav{max-width:52rem;margin:0 auto;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
header a{color:#fff;text-decoration:none;font-weight:600}
header a[aria-current="page"]{text-decoration:underline}
main{max-width:52rem;margin:0 auto;padding:1rem}
h1,h2,h3{line-height:1.25;overflow-wrap:anywhere}
h2{margin-top:2rem;border-bottom:1px solid #eee;padding-bottom:.25rem}
a{color:#5a1e2b}
p,li{overflow-wrap:anywhere}
code{font:.875em ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f3ef;padding:.1em .3em;border-radius:3px}
pre{background:#f6f3ef;padding:.75rem;overflow-x:auto;border-radius:4px;max-width:100%}
pre code{background:none;padding:0}
table{display:block;max-width:100%;overflow-x:auto;border-collapse:collapse}
td,th{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
`;
