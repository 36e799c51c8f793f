/** Served at `/` when the page has not been built, so a bare `npm start` still explains itself. */
export function placeholderPage(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Transcript Q&amp;A</title></head>
<body>
<h1>Transcript Q&amp;A</h1>
<p>The web page has not been built. Run <code>npm run build:web</code> (or <code>npm install</code>) and restart the server.</p>
<p>The API is up: see <a href="/docs">/docs</a>.</p>
</body>
</html>
`;
}
