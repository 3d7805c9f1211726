import { marked, type Token, type Tokens } from 'marked';

/**
 * The case manager's recommendations (Markdown, cleaned of HTML on the way in) as the blocks the
 * written report sets: headings as headings, list items with their bullet or number and depth,
 * everything else as paragraphs. Read from marked's token stream with the options the web page
 * renders with (GitHub-flavoured, a line break is a break), so the PDF says what the page shows
 * and no Markdown syntax reaches the paper: emphasis is its text, a link is its text followed by
 * its address (a printed page cannot be clicked), an image is its description.
 */
export type ReportBlock =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string; indent: number }
  | { kind: 'item'; marker: string; text: string; indent: number };

/** The stored text keeps `<` and `>` as entities (see the cases room's `cleanMarkdown`). */
const decodeEntities = (text: string) =>
  text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');

const childrenOf = (token: Token): Token[] | undefined =>
  'tokens' in token && Array.isArray(token.tokens) ? token.tokens : undefined;
const textOf = (token: Token): string =>
  'text' in token && typeof token.text === 'string' ? token.text : '';

const withoutScheme = (href: string) => href.replace(/^(mailto|tel):/i, '');

/** The text of inline tokens as a reader sees it. */
export function inlineText(tokens: Token[] | undefined): string {
  let out = '';
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'link': {
        const { href } = token as Tokens.Link;
        const text = inlineText(childrenOf(token)).trim();
        const address = withoutScheme(href);
        out += !text || text === href || text === address ? address : `${text} (${address})`;
        break;
      }
      case 'image':
        out += decodeEntities((token as Tokens.Image).text);
        break;
      case 'br':
        out += '\n';
        break;
      case 'html':
      case 'checkbox':
        break;
      default: {
        // text, strong, em, del, codespan, escape: their words, without the marks around them.
        const children = childrenOf(token);
        out += children ? inlineText(children) : decodeEntities(textOf(token));
      }
    }
  }
  return out;
}

function collect(tokens: Token[], indent: number, out: ReportBlock[]): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'heading': {
        const { depth } = token as Tokens.Heading;
        out.push({ kind: 'heading', level: depth, text: inlineText(childrenOf(token)).trim() });
        break;
      }
      case 'paragraph':
      case 'text':
        out.push({ kind: 'paragraph', indent, text: inlineText(childrenOf(token) ?? [token]).trim() });
        break;
      case 'list': {
        const list = token as Tokens.List;
        const start = typeof list.start === 'number' ? list.start : 1;
        list.items.forEach((item, index) => {
          const marker = list.ordered ? `${start + index}.` : '•';
          const task = item.task ? (item.checked ? '[x] ' : '[ ] ') : '';
          // An item's own words are its leading inline blocks; a nested list or quote follows it.
          const lead = item.tokens.filter((t) => t.type === 'text' || t.type === 'paragraph');
          const rest = item.tokens.filter((t) => t.type !== 'text' && t.type !== 'paragraph');
          const text = lead.map((t) => inlineText(childrenOf(t) ?? [t]).trim()).join('\n');
          out.push({ kind: 'item', indent, marker, text: task + text });
          collect(rest, indent + 1, out);
        });
        break;
      }
      case 'blockquote':
        collect(childrenOf(token) ?? [], indent + 1, out);
        break;
      case 'code':
        out.push({ kind: 'paragraph', indent, text: decodeEntities((token as Tokens.Code).text) });
        break;
      case 'table': {
        const table = token as Tokens.Table;
        for (const row of [table.header, ...table.rows]) {
          const text = row.map((cell) => inlineText(cell.tokens).trim()).join(' · ');
          out.push({ kind: 'paragraph', indent, text });
        }
        break;
      }
      default:
        // space, hr, html, def: nothing to print.
        break;
    }
  }
}

export function markdownBlocks(markdown: string): ReportBlock[] {
  const out: ReportBlock[] = [];
  collect(marked.lexer(markdown, { gfm: true, breaks: true }), 0, out);
  return out.filter((block) => block.text.trim().length > 0);
}
