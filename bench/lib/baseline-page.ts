/**
 * The yardstick for time to first row: a framework-free page that fetches the same runs page
 * from the same server and renders the same rows into a table. The server serves any file of
 * its dist directory (src/server/routes/spa.ts registers @fastify/static over it), so the
 * bench copies dist/ to a temp directory and adds `baseline.html` there; the script is a file
 * of its own under assets/ (the CSP allows `script-src 'self'` only, no inline scripts) and so
 * is cached like the app's hashed assets on warm loads.
 */
import { existsSync } from 'node:fs'
import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { registerCleanup } from './bounded'

export const baselinePath = '/baseline.html'

const baselineHtml = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Runs · baseline</title>
  </head>
  <body>
    <h1>Runs</h1>
    <table>
      <thead>
        <tr><th>Status</th><th>Run</th><th>Workflow</th><th>Started</th><th>Duration</th></tr>
      </thead>
      <tbody id="runs"></tbody>
    </table>
    <script src="/assets/bench-baseline.js"></script>
  </body>
</html>
`

const baselineScript = `(function () {
  var params = new URLSearchParams(location.search);
  var source = params.get('source') || 'demo-puq';
  var query = new URLSearchParams();
  if (params.get('workflow')) query.set('workflow', params.get('workflow'));
  if (params.get('status')) query.set('status', params.get('status'));
  query.set('page', params.get('page') || '1');
  var url = '/api/sources/' + encodeURIComponent(source) + '/runs?' + query.toString().replace(/%2C/g, ',');
  var started = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
  }
  fetch(url, { headers: { accept: 'application/json' } })
    .then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    })
    .then(function (page) {
      var rows = document.createDocumentFragment();
      page.items.forEach(function (run) {
        var row = document.createElement('tr');
        row.setAttribute('data-run-id', run.id);
        cell(row, run.status);
        cell(row, run.id);
        cell(row, run.workflowName || run.workflowId);
        cell(row, run.startedAt ? started.format(new Date(run.startedAt)) : '');
        cell(row, run.durationMs === undefined ? '' : (run.durationMs / 1000).toFixed(1) + ' s');
        rows.appendChild(row);
      });
      document.getElementById('runs').appendChild(rows);
    })
    .catch(function (error) {
      document.body.setAttribute('data-error', String(error));
    });
})();
`

/** A temp copy of dist/ (without source maps) plus the baseline page; removed at cleanup. */
export async function prepareDistWithBaseline(
  distDir: string,
): Promise<{ dir: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'runboard-bench-dist-'))
  const remove = registerCleanup(`temp dist ${root}`, () =>
    rm(root, { recursive: true, force: true }),
  )
  const dir = join(root, 'dist')
  await cp(distDir, dir, { recursive: true, filter: (source) => !source.endsWith('.map') })
  // The server renderer sits beside dist/; linked, so its packages resolve from the repo.
  const renderer = join(distDir, '..', 'dist-ssr')
  if (existsSync(renderer)) await symlink(renderer, join(root, 'dist-ssr'), 'dir')
  await writeFile(join(dir, 'baseline.html'), baselineHtml)
  await writeFile(join(dir, 'assets', 'bench-baseline.js'), baselineScript)
  return { dir, remove }
}
