extension HTMLReport {
    /// The page's style sheet: system fonts, a light palette and a dark one.
    static let styleSheet = """
        :root {
          color-scheme: light dark;
          --bg: #f5f6f8; --surface: #ffffff; --ink: #1b1f24; --muted: #5c6570;
          --rule: #e2e5ea; --track: #eceff3; --accent: #3867d6; --accent-ink: #2a4fa8;
          --good: #1d8a4e; --good-soft: #e3f4ea; --bad: #c0392b; --bad-soft: #fbe7e4;
          --warn: #a86a00; --warn-soft: #fcf1dc; --neutral-soft: #eceff3;
          --shadow: 0 1px 2px rgba(20, 30, 50, .06), 0 4px 16px rgba(20, 30, 50, .05);
          --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans",
            "Liberation Sans", Arial, sans-serif;
          --mono: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #0f1216; --surface: #181c22; --ink: #e6e9ee; --muted: #98a1ad;
            --rule: #2a3039; --track: #252b34; --accent: #7aa2ff; --accent-ink: #a9c1ff;
            --good: #4cc38a; --good-soft: #173626; --bad: #ff7b6e; --bad-soft: #3d1d1a;
            --warn: #f0b429; --warn-soft: #3a2e12; --neutral-soft: #252b34;
            --shadow: none;
          }
        }
        * { box-sizing: border-box; }
        html { background: var(--bg); color: var(--ink); }
        body { margin: 0; font: 15px/1.5 var(--sans); -webkit-font-smoothing: antialiased; }
        main { max-width: 1120px; margin: 0 auto; padding: 40px 28px 56px; }
        h1 { font-size: 28px; line-height: 1.2; margin: 4px 0 12px; letter-spacing: -.01em; }
        h2 { font-size: 16px; margin: 0; }
        .eyebrow, .label { margin: 0; font-size: 12px; font-weight: 600; color: var(--muted);
          text-transform: uppercase; letter-spacing: .06em; }
        .detail { margin: 2px 0 0; font-size: 13px; color: var(--muted); }
        .facts { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 0; }
        .facts div { display: flex; gap: 8px; }
        .facts dt { color: var(--muted); font-size: 13px; }
        .facts dd { margin: 0; font-size: 13px; font-weight: 500; overflow-wrap: anywhere; }
        .configuration { margin-top: 14px; font-size: 13px; }
        .configuration summary { cursor: pointer; color: var(--accent-ink); }
        .configuration .facts { margin: 10px 0; }
        pre { font: 12.5px/1.5 var(--mono); white-space: pre-wrap; overflow-wrap: anywhere;
          background: var(--track); border-radius: 8px; padding: 10px 12px; margin: 6px 0 0;
          max-height: 320px; overflow: auto; }
        .badges { margin: 0 0 12px; display: flex; gap: 8px; }
        .badge { display: inline-block; font-size: 12px; font-weight: 600; padding: 2px 8px;
          border-radius: 999px; background: var(--neutral-soft); color: var(--muted); }
        .badge.warn { background: var(--warn-soft); color: var(--warn); }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr));
          gap: 14px; margin: 28px 0; }
        .card, .panel { background: var(--surface); border: 1px solid var(--rule);
          border-radius: 12px; box-shadow: var(--shadow); }
        .card { padding: 16px 18px; border-top: 3px solid var(--rule); }
        .card.accent { border-top-color: var(--accent); }
        .card.bad { border-top-color: var(--bad); }
        .card.warn { border-top-color: var(--warn); }
        .figure { margin: 6px 0 2px; font-size: 30px; font-weight: 650; line-height: 1.15;
          font-variant-numeric: tabular-nums; letter-spacing: -.02em; }
        .figure small { font-size: 15px; font-weight: 500; color: var(--muted);
          letter-spacing: 0; }
        .card.accent .figure { color: var(--accent-ink); }
        .card.bad .figure { color: var(--bad); }
        .charts { display: grid; gap: 14px; }
        .pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
          gap: 14px; }
        figure { margin: 0; }
        .panel { padding: 18px 20px; }
        figcaption { margin-bottom: 10px; }
        .chart { display: block; width: 100%; height: auto; font-family: var(--sans); }
        .chart text { font-size: 12px; fill: var(--ink); }
        .chart .tick, .chart .muted { fill: var(--muted); font-size: 11px; }
        .chart .grid { stroke: var(--rule); stroke-width: 1; }
        .chart .axis { stroke: var(--muted); stroke-width: 1; }
        .chart .track { fill: var(--track); }
        .chart .bar { fill: var(--accent); opacity: .85; }
        .chart .row:hover .bar, .chart rect.bar:hover { opacity: 1; }
        .chart .overall .name { font-weight: 700; }
        .chart .interval line { stroke: var(--ink); stroke-width: 1.5; }
        .chart .marker line { stroke: var(--ink); stroke-width: 1; stroke-dasharray: 3 3; }
        .chart .marker text { font-size: 11px; fill: var(--muted); }
        .empty { color: var(--muted); margin: 24px 0; text-align: center; }
        .items { margin-top: 14px; }
        .items-head { display: flex; flex-wrap: wrap; align-items: center;
          justify-content: space-between; gap: 12px; margin-bottom: 12px; }
        .controls { display: flex; flex-wrap: wrap; align-items: center; gap: 10px; }
        .controls[hidden] { display: none; }
        .filters { display: flex; gap: 4px; flex-wrap: wrap; }
        button { font: inherit; font-size: 13px; color: var(--ink); background: transparent;
          border: 1px solid var(--rule); border-radius: 999px; padding: 3px 11px;
          cursor: pointer; }
        button span { color: var(--muted); font-variant-numeric: tabular-nums; }
        button[aria-pressed="true"] { background: var(--accent); border-color: var(--accent);
          color: var(--surface); }
        button[aria-pressed="true"] span { color: inherit; opacity: .8; }
        input[type="search"] { font: inherit; font-size: 13px; color: var(--ink);
          background: var(--bg); border: 1px solid var(--rule); border-radius: 8px;
          padding: 4px 10px; min-width: 200px; }
        .table-wrap { overflow-x: auto; }
        table { width: 100%; border-collapse: collapse; font-size: 13.5px; }
        th { text-align: left; font-size: 12px; font-weight: 600; color: var(--muted);
          text-transform: uppercase; letter-spacing: .05em; padding: 8px 10px;
          border-bottom: 1px solid var(--rule); white-space: nowrap; }
        td { padding: 8px 10px; border-bottom: 1px solid var(--rule); vertical-align: top; }
        tbody tr:hover { background: var(--bg); }
        .number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .mono { font-family: var(--mono); font-size: 12.5px; overflow-wrap: anywhere; }
        .mono.id { white-space: nowrap; }
        .explanation { min-width: 220px; overflow-wrap: anywhere; }
        .explanation summary { cursor: pointer; color: var(--accent-ink); font-size: 12.5px; }
        .error-text { color: var(--bad); }
        .verdict { display: inline-block; font-size: 12px; font-weight: 600; padding: 1px 8px;
          border-radius: 999px; white-space: nowrap; }
        .verdict.correct { background: var(--good-soft); color: var(--good); }
        .verdict.incorrect { background: var(--bad-soft); color: var(--bad); }
        .verdict.unanswered { background: var(--warn-soft); color: var(--warn); }
        .verdict.error { background: var(--bad); color: var(--surface); }
        footer { margin-top: 28px; font-size: 12.5px; color: var(--muted); max-width: 760px; }
        @media (max-width: 640px) { main { padding: 24px 14px; } .figure { font-size: 24px; } }
        """

    /// The first script: records every error the page raises, for ``filterScript`` and tests
    /// to read.
    static let errorRecorder = """
        (function () {
          var errors = window.emberErrors = [];
          function record(message) {
            errors.push(String(message));
            var status = document.getElementById('script-status');
            if (status) { status.textContent = 'error: ' + errors.join('; '); }
          }
          window.addEventListener('error', function (event) {
            record(event.message || 'an error in ' + (event.filename || 'the page'));
          });
          window.addEventListener('unhandledrejection', function (event) {
            record('unhandled rejection: ' + event.reason);
          });
          var consoleError = console.error;
          console.error = function () {
            record(Array.prototype.join.call(arguments, ' '));
            return consoleError.apply(console, arguments);
          };
        })();
        """

    /// The last script: shows the filter controls and filters the item rows by verdict and
    /// by text, then reports `ok` unless an error was recorded.
    static let filterScript = """
        (function () {
          var controls = document.getElementById('item-controls');
          if (controls) {
            var rows = Array.prototype.slice.call(document.querySelectorAll('#items tbody tr'));
            var buttons = Array.prototype.slice.call(controls.querySelectorAll('[data-filter]'));
            var search = document.getElementById('item-search');
            var shown = document.getElementById('items-shown');
            var verdict = 'all';
            var apply = function () {
              var query = search.value.trim().toLowerCase();
              var count = 0;
              rows.forEach(function (row) {
                var visible = (verdict === 'all' || row.dataset.verdict === verdict)
                  && (query === '' || row.textContent.toLowerCase().indexOf(query) !== -1);
                row.hidden = !visible;
                if (visible) { count += 1; }
              });
              shown.textContent = count + ' of ' + rows.length + ' shown';
            };
            buttons.forEach(function (button) {
              button.addEventListener('click', function () {
                verdict = button.dataset.filter;
                buttons.forEach(function (other) {
                  other.setAttribute('aria-pressed', String(other === button));
                });
                apply();
              });
            });
            search.addEventListener('input', apply);
            controls.hidden = false;
            apply();
          }
          if (window.emberErrors.length === 0) {
            document.getElementById('script-status').textContent = 'ok';
          }
        })();
        """
}
