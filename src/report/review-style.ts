/**
 * The HTML review's style sheet: readable on screen, and on paper one document after another, each
 * chapter on a new page, tables that keep their rows whole and repeat their headers, a running
 * header and page numbers (CSS paged media). Colours keep at least 4.5:1 contrast, and every
 * status also has a symbol and a word.
 */
export const REVIEW_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { font-family: "Liberation Sans", "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; background: #ffffff; }
body { margin: 0; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1, h2, h3, h4 { line-height: 1.25; margin: 1.6em 0 0.5em; }
h1 { font-size: 2rem; margin-top: 0.4em; }
h2 { font-size: 1.55rem; border-bottom: 2px solid #1a1a1a; padding-bottom: 0.2em; }
h3 { font-size: 1.25rem; border-bottom: 1px solid #8a8a8a; padding-bottom: 0.15em; }
h4 { font-size: 1.05rem; margin: 0 0 0.4em; }
p { margin: 0.4em 0 0.6em; }
a { color: #0b4f8a; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.9em; }
.hash { word-break: break-all; }
.kicker { text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.85rem; color: #4a4a4a; margin: 0; }
.lede { font-size: 1.1rem; }
.path { color: #3d3d3d; }
.rid { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.8rem; font-weight: normal; color: #3d3d3d; }
h4 .rid { display: block; }

table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1.2em; font-size: 0.92rem; }
caption { text-align: left; font-weight: bold; padding: 0.2em 0 0.4em; }
th, td { border: 1px solid #8a8a8a; padding: 0.35em 0.5em; text-align: left; vertical-align: top; }
thead th { background: #ececec; }
tbody th { font-weight: normal; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.facts th { width: 13rem; background: #f4f4f4; font-weight: bold; }
table.counts th, table.counts td { text-align: center; }
table.plan { table-layout: fixed; }
.col-num { width: 3%; } .col-req { width: 15%; } .col-strength { width: 9%; } .col-status { width: 10%; }
.col-what { width: 30%; } .col-ref { width: 15%; } .col-owner { width: 10%; } .col-due { width: 8%; }
table.plan td, table.plan tbody th { overflow-wrap: anywhere; }
table.plan .badge { white-space: normal; }
table.plan .note { font-style: italic; margin-top: 0; }
table.plan .where { margin-bottom: 0; color: #3d3d3d; }

.badge { display: inline-block; white-space: nowrap; border-radius: 0.25em; padding: 0 0.4em; font-weight: bold; font-size: 0.9em; border: 1px solid currentColor; }
.s-met { color: #0d5c2a; background: #e5f4ea; }
.s-partial { color: #6e4100; background: #fff1d9; }
.s-gap { color: #9b1c16; background: #fde9e7; }
.s-outdated { color: #5f2a85; background: #f3eafa; }
.s-needs-review { color: #0b4f8a; background: #e6f0fa; }
.s-waived, .s-not-applicable { color: #3d3d3d; background: #f0f0f0; }
.r-green { color: #0d5c2a; background: #e5f4ea; }
.r-amber { color: #6e4100; background: #fff1d9; }
.r-red { color: #9b1c16; background: #fde9e7; }
.r-unrated { color: #3d3d3d; background: #f0f0f0; }

.cover { border-bottom: 3px double #1a1a1a; margin-bottom: 1.5rem; }
.contents ol { padding-left: 1.4em; }
.contents a { display: inline-block; padding: 0.2em 0; }
.contents ol ol { columns: 2; font-size: 0.92rem; }
.score { font-size: 1.1rem; }
.rule { background: #f6f6f6; border-left: 4px solid #595959; padding: 0.4em 0.8em; font-size: 0.92rem; }
.rule ul { margin: 0.2em 0 0.4em; padding-left: 1.2em; }
.chart-figure { margin: 0.8em 0; }
.chart-figure figcaption { font-size: 0.85rem; color: #3d3d3d; }
svg.chart { max-width: 100%; height: auto; font-family: inherit; }
svg.chart .label { font-size: 12px; fill: #1a1a1a; }
svg.chart .value { font-size: 12px; fill: #1a1a1a; font-weight: bold; }
svg.chart .axis { font-size: 10px; fill: #3d3d3d; }

.req { border: 1px solid #b3b3b3; border-left: 6px solid #8a8a8a; border-radius: 0.2em; padding: 0.6em 0.9em; margin: 0.9em 0; break-inside: avoid; }
.req[data-status="met"] { border-left-color: #1d7a3e; }
.req[data-status="partial"] { border-left-color: #b06a00; }
.req[data-status="gap"] { border-left-color: #b3261e; }
.req[data-status="outdated"] { border-left-color: #7b3fa8; }
.req[data-status="needs-review"] { border-left-color: #0b4f8a; }
.req dl { display: grid; grid-template-columns: 10rem 1fr; gap: 0.3em 0.8em; margin: 0; }
.req dt { font-weight: bold; color: #3d3d3d; }
.req dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.req .strength { margin-left: 0.4em; color: #3d3d3d; }
.evidence { margin: 0 0 0.5em; }
.evidence blockquote { margin: 0; padding: 0.1em 0.7em; border-left: 3px solid #8a8a8a; background: #f7f7f7; font-style: italic; }
.evidence blockquote p { margin: 0.2em 0; }
.evidence figcaption { font-size: 0.85rem; color: #3d3d3d; }
.none { font-style: italic; color: #3d3d3d; margin: 0; }
.model { background: #f2f6fa; border: 1px dashed #6b8199; padding: 0.4em 0.7em; }
.hint, .precision { font-size: 0.85rem; color: #3d3d3d; margin: 0.2em 0 0; }
.method p { max-width: 48rem; }

@media print {
  @page { size: A4; margin: 18mm 15mm 18mm 15mm;
    @bottom-left { content: "wt-audit review"; font-size: 8pt; color: #3d3d3d; }
    @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #3d3d3d; }
  }
  @page { @top-left { font-size: 8pt; color: #3d3d3d; } @top-right { font-size: 8pt; color: #3d3d3d; } }
  html { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  a { color: #1a1a1a; }
  .req dd a { word-break: break-all; }
  .cover { break-after: page; border-bottom: none; }
  .contents { break-after: page; }
  .document { break-before: page; }
  .chapter, .actions, .na, .method, .problems { break-before: page; }
  h2, h3, h4, caption { break-after: avoid; }
  table { break-inside: auto; }
  thead { display: table-header-group; }
  tr, .evidence, .rule, figure { break-inside: avoid; }
  .contents ol ol { columns: 1; }
  table.plan { font-size: 8.5pt; }
  .badge { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .req, .model, .evidence blockquote, thead th, .rule { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;
