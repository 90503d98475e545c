// escape-html (express's own escaper, installed with it) ships no types: its one function, as documented.
declare module 'escape-html' {
  function escapeHtml(text: string): string;
  export = escapeHtml;
}
