import MarkdownIt from "markdown-it";
import { generatedHeader } from "../header.js";
import { PAGE_STYLE } from "./page-style.js";

/** A link in the pages' top bar; `href` relative to the page. */
export interface NavLink {
  label: string;
  href: string;
  current?: boolean;
}

export interface MarkdownPage {
  title: string;
  nav: NavLink[];
  markdown: string;
}

// Spec text and generated Markdown only: raw HTML is escaped, never passed through.
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
markdown.core.ruler.push("heading_ids", (state) => {
  const seen = new Map<string, number>();
  state.tokens.forEach((token, index) => {
    if (token.type !== "heading_open") return;
    const base = slug(state.tokens[index + 1]?.content ?? "") || "section";
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    token.attrSet("id", count === 0 ? base : `${base}-${count}`);
  });
});

/** `Timeouts and retries` -> `timeouts-and-retries`: the anchor each heading gets. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/`/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Markdown rendered into a self-contained page (no scripts, no external assets) with the shared style. */
export function renderMarkdownPage(page: MarkdownPage, specName: string): string {
  const nav = page.nav
    .map(
      (link) =>
        `<a href="${escapeHtml(link.href)}"${link.current ? ' aria-current="page"' : ""}>${escapeHtml(link.label)}</a>`,
    )
    .join("");
  return `${generatedHeader(specName, "html")}<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${PAGE_STYLE}</style></head>
<body><header><nav>${nav}</nav></header>
<main>
${markdown.render(page.markdown)}</main></body></html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Inline code in Markdown, whatever backticks the text holds. */
export function inlineCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = "`".repeat(longest + 1);
  return longest > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

/** A fenced code block. */
export function codeBlock(language: string, source: string): string {
  return `\`\`\`${language}\n${source.replace(/\n$/, "")}\n\`\`\``;
}
