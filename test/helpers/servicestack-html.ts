/**
 * Render a ServiceStack metadata page as HTML the way ServiceStack does (its public source:
 * `AppendType` and `ProcessOperationsAsync` in `Metadata/BaseMetadataHandler.cs`, the request
 * and response templates in `Metadata/OperationControl.cs`, the page in
 * `Templates/OperationControl.html`), from a text page's blocks and the true name of each
 * table. The HTML fixtures (test/fixtures/html/) are rendered with it.
 */
import type { Block, PageBlocks } from '../../src/parse/index.js';

export interface HtmlPageOptions {
  /** The service's name (`<title>`, `<h1>`). */
  title: string;
  /** The operation (`<h2>`). */
  operation: string;
  /** The true name of each block of the page, in order. */
  names: readonly string[];
  /** `json` or `jsv`: the page's format. */
  format: 'json' | 'jsv';
}

/** `ConvertToHtml`: names and types are escaped (`<` `>`), line breaks become `<br />`. */
function convertToHtml(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br />\n');
}

/** `HtmlEncode` of the sample messages (WebUtility.HtmlEncode). */
function htmlEncode(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** One type's table, as `AppendType` writes it. */
function appendType(block: Block, name: string): string {
  if (block.kind === 'enum-list' || block.kind === 'enum-table') {
    let html = `<table class='enum'><caption><b>${convertToHtml(name)}</b> Enum:</caption>`;
    if (block.kind === 'enum-table') {
      html += '<thead><tr><th>Name</th><th>Value</th><th></th></tr></thead>';
    }
    html += '<tbody>';
    if (block.kind === 'enum-table') {
      for (const row of block.rows) {
        html += `<tr><td>${row.name.text}</td><td>${row.value.text}</td><td>${row.label?.text ?? ''}</td></tr>`;
      }
    } else {
      for (const member of block.members) {
        html += `<tr><td>${member.name.text}</td><td>${member.description?.text ?? ''}</td></tr>`;
      }
    }
    return `${html}</tbody></table>`;
  }
  let html = `<table class='params'><caption><b>${convertToHtml(name)}</b> Parameters:</caption>`;
  html +=
    '<thead><tr><th>Name</th><th>Parameter</th><th>Data Type</th><th>Required</th><th>Description</th></tr></thead>';
  html += '<tbody>';
  for (const row of block.rows) {
    let description = row.description.text;
    if (row.allowableValues && row.allowableValues.length > 0) {
      description += '<h4>Allowable Values</h4><ul>';
      for (const value of row.allowableValues) description += `<li>${value.text}</li>`;
      description += '</ul>';
    }
    html += `<tr><td>${convertToHtml(row.name.text)}</td><td>${row.in.text}</td><td>${convertToHtml(row.type.text)}</td><td>${row.required.text === 'Yes' ? 'Yes' : 'No'}</td><td>${description}</td></tr>`;
  }
  return `${html}</tbody></table>`;
}

/**
 * The page: `OperationControl.html` around the metadata HTML of `ProcessOperationsAsync`.
 *
 * @param page
 *   The text page's blocks (tables, routes, roles, samples).
 * @param options
 *   Title, operation, the name of every block, format.
 */
export function renderMetadataPage(page: PageBlocks, options: HtmlPageOptions): string {
  const contentType = options.format === 'jsv' ? 'text/jsv' : 'application/json';
  let metadata = '';
  // ServiceStack shows the table when the operation requires authentication.
  metadata +=
    "<table class='authentication'><caption><b>Requires Authentication</b><i class='auth' style='display:inline-block;margin:0 0 -4px 5px;'></i></caption>\n";
  metadata += '<tr>';
  const roles = page.header.roles?.names.map((role) => role.text) ?? [];
  if (roles.length > 0) {
    const label = roles.length > 1 ? 'Requires any of the roles' : 'Requires the role';
    metadata += `<td>${label}:</td><td>${roles.join(', ')}</td>`;
  }
  metadata += '</tr></table>';
  if (page.header.routes.length > 0) {
    metadata +=
      "<table class='routes'><caption>The following routes are available for this service:</caption><tbody>";
    for (const route of page.header.routes) {
      metadata += `<tr><th>${route.verbs.text}</th><th>${route.path.text}</th><td></td><td><i></i></td></tr>`;
    }
    metadata += '<tbody></tbody></table>';
  }
  metadata += `
<style>
.flex { display:flex }
.types-nav a { color: rgb(107 114 128); text-decoration: none; }
</style>`;
  metadata += '<div class="types-nav"><nav class="flex space-x-4">\n';
  metadata += `<a  class="active" href='?op=${options.operation}'>Metadata</a>\n`;
  metadata += `<a  href="?op=${options.operation}&lang=typescript">TypeScript</a>\n`;
  metadata += '</nav></div>\n';
  page.blocks.forEach((block, index) => {
    metadata += appendType(block, options.names[index] ?? `Type${index}`);
  });
  metadata += '<div class="call-info">';
  metadata += `<p>To override the Content-type in your clients, use the HTTP <b>Accept</b> Header, append  the <b>.${options.format}</b> suffix or  <b>?format=${options.format}</b></p>`;
  if (options.format === 'json') {
    metadata +=
      '<p>To embed the response in a <b>jsonp</b> callback, append <b>?callback=myCallback</b></p>';
  }
  metadata += '</div>';

  const request = page.samples.request;
  const host = request?.headers.find((header) => header.name === 'Host')?.value ?? 'localhost';
  const method = request?.method ?? 'POST';
  const uri = request?.path ?? `/${options.format}/reply/${options.operation}`;
  const requestTemplate =
    request?.body !== undefined
      ? `${method} ${uri} HTTP/1.1 \nHost: ${host} \nAccept: ${contentType}\nContent-Type: ${contentType}\nContent-Length: <span class="value">length</span>\n\n${htmlEncode(request.body.text)}`
      : `${method} ${uri} HTTP/1.1 \nHost: ${host} \nAccept: ${contentType}`;
  const response = page.samples.response?.body;
  const responseTemplate = response
    ? `\n<div class="response">\n<pre>\nHTTP/1.1 200 OK\nContent-Type: ${contentType}\nContent-Length: length\n\n${htmlEncode(response.text)}\n</pre>\n</div>\n`
    : '';

  return `<!DOCTYPE html>
<html>
<head>
    <title>${options.title}</title>
    <style type="text/css">
        body { font-family: "Helvetica Neue", Helvetica, Verdana, Arial; }
        .operation caption { text-align: left; }
        .example pre { white-space: pre-wrap; }
    </style>
</head>
<body>
    <a id="logo" href="https://servicestack.net" title="ServiceStack"></a>
    <h1>${options.title}</h1>
    
    <div class="operation">
    <div>
        <p><a href="https://api.example.com/metadata">&lt;back to all web services</a></p>
        <h2>${options.operation}</h2>

\t\t${metadata}

\t\t<div class="example">
        <!-- REST Examples -->

        <h3>HTTP + ${options.format.toUpperCase()}</h3>
        <p> The following are sample HTTP requests and responses. 
            The placeholders shown need to be replaced with actual values.</p>

<div class="request">
<pre>
${requestTemplate}
</pre>
</div>

${responseTemplate}

        </div>
    </div>
    </div>
</body>
</html>
`;
}
