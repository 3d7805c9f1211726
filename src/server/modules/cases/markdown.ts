import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * Recommendations are written in Markdown. Raw HTML in the source is removed (scripts with their
 * content), and what is rendered is sanitised again against a small allowlist, so neither the
 * stored text nor the HTML a browser shows can carry script.
 */
const renderAllowlist: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'ul',
    'ol',
    'li',
    'h2',
    'h3',
    'h4',
    'blockquote',
    'code',
    'pre',
    'a',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title'] },
  allowedSchemes: ['https', 'mailto', 'tel'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }) },
};

/**
 * The Markdown source without any HTML. Quotes and ampersands read as typed; `<` and `>` stay as
 * entities, so no decoding can bring a tag back.
 */
export function cleanMarkdown(source: string): string {
  const stripped = sanitizeHtml(source, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['script', 'style', 'textarea', 'noscript', 'iframe', 'object'],
  });
  return stripped.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&').trim();
}

export function renderMarkdown(source: string): string {
  const html = marked.parse(cleanMarkdown(source), { async: false, gfm: true, breaks: true });
  return sanitizeHtml(html, renderAllowlist);
}
