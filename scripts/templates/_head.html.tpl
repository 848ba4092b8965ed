<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="edushell">
<style>
  body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
         max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.5; }
  h1 { border-bottom: 2px solid #3b6ea8; padding-bottom: .3rem; }
  h2 { margin-top: 2rem; color: #3b6ea8; }
  table { border-collapse: collapse; margin: .5rem 0 1rem; }
  th, td { border: 1px solid #ccc; padding: .25rem .6rem; text-align: left; vertical-align: top; }
  th { background: #f0f4f8; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  .es-meta { color: #666; font-size: .9rem; }
  .es-chart { display: block; margin: .5rem 0 1.5rem; max-width: 100%; height: auto; }
  .es-sources { font-size: .9rem; color: #444; }
  .es-sources mark { background: #fff3b0; }
  .es-doc { color: #777; }
  .met { color: #2e7d32; } .not-met { color: #c62828; } .no-data { color: #888; }
  a.es-cite { color: inherit; text-decoration: underline dotted; }
</style>
