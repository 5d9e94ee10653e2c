// The catalog's page: search as you type, facet filters, result cards, keyset pagination and a
// product detail panel, over the JSON API of examples/catalog. Vanilla ES2020, no build step.
// Nothing the server sends is ever parsed as HTML: every node is built and filled with
// textContent, so product text cannot inject markup.
'use strict';

(() => {
  const LIMIT = 20;
  const TYPE_DELAY_MS = 180;   // as-you-type: wait for a pause in typing before searching
  const PRICE_DELAY_MS = 400;
  const FACETS_SHOWN = 8;      // values per facet before "Show more"
  const LOG_ROWS = 12;

  const $ = (selector) => document.querySelector(selector);

  // What is searched for. Attribute filters are kept apart by kind: brand, colour and size
  // each hold one value (attribute filters combine with AND, so two brands would match
  // nothing); `attrs` holds free-form ones such as "specs.weight_kg<2".
  const state = {
    q: '',
    category: '',
    minPrice: '',
    maxPrice: '',
    inStock: false,
    tags: [],
    tagsMode: 'all',
    brand: '',
    color: '',
    size: '',
    attrs: [],
    sort: '',
    product: null,     // the id shown in the detail panel
  };

  // Keyset pagination has no page numbers: cursors[i] is the `after` that page i + 1 was
  // fetched with (null for the first page), so going back pops the stack.
  let cursors = [null];
  let nextCursor = null;
  let facets = null;           // from the first page; later pages ask for none
  const categoryNames = new Map();    // slug -> name, from /api/categories
  const categoryParents = new Map();  // slug -> parent slug
  const expanded = { tags: false, brands: false };

  // ---- small DOM helpers ----------------------------------------------------------------

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const integer = new Intl.NumberFormat('en-US');
  const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

  function formatMs(ms) {
    if (typeof ms !== 'number' || !Number.isFinite(ms)) return '?';
    return `${ms < 10 ? ms.toFixed(1) : decimal.format(Math.round(ms))} ms`;
  }

  // "129.99" stays as the server wrote it (a decimal, not a float), with thousands separated.
  function formatPrice(price) {
    const text = String(price);
    const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
    if (!match) return text;
    return `${match[1]}${integer.format(Number(match[2]))}${match[3] || ''}`;
  }

  function formatDate(text) {
    const date = new Date(text);
    if (Number.isNaN(date.getTime())) return String(text);
    return date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
  }

  // ---- requests -------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, body) {
      const error = (body && body.error) || {};
      super(error.message || `The server answered ${status}`);
      this.status = status;
      this.code = error.code || '';
      this.fields = error.fields || {};
      this.requestId = (body && body.request_id) || '';
    }
  }

  // `Server-Timing: db;dur=1.9;desc="4 statements", total;dur=3.2`: read when a body has
  // no `timing` (an error page, say).
  function parseServerTiming(header) {
    if (!header) return null;
    const timing = {};
    for (const entry of header.split(',')) {
      const [name, ...params] = entry.trim().split(';');
      const dur = params.map((p) => /^\s*dur=([\d.]+)/.exec(p)).find(Boolean);
      const desc = params.map((p) => /^\s*desc="?(\d+)/.exec(p)).find(Boolean);
      if (name === 'total' && dur) timing.total_ms = Number(dur[1]);
      if (name === 'db' && dur) timing.db_ms = Number(dur[1]);
      if (name === 'db' && desc) timing.statements = Number(desc[1]);
    }
    return Object.keys(timing).length ? timing : null;
  }

  async function getJson(url, signal) {
    const started = performance.now();
    const response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
    const text = await response.text();
    const roundTrip = performance.now() - started;
    let body = null;
    try { body = JSON.parse(text); } catch (_) { /* not JSON: reported below */ }
    const timing = (body && body.timing) || parseServerTiming(response.headers.get('Server-Timing'));
    logRequest(url, response.status, timing, roundTrip);
    const failure = !response.ok ? new ApiError(response.status, body)
      : body === null ? new ApiError(response.status, { error: { message: 'The server sent no JSON' } }) : null;
    if (failure) {
      Object.assign(failure, { timing, roundTrip });
      throw failure;
    }
    return { body, timing, roundTrip };
  }

  // "server 3.2 ms (db 1.9 ms, 4 statements) · round trip 8.1 ms"
  function timingText(timing, roundTrip) {
    const trip = `round trip ${formatMs(roundTrip)}`;
    if (!timing) return `server time not reported · ${trip}`;
    const parts = [];
    if (typeof timing.db_ms === 'number') parts.push(`db ${formatMs(timing.db_ms)}`);
    if (typeof timing.statements === 'number')
      parts.push(`${timing.statements} statement${timing.statements === 1 ? '' : 's'}`);
    return `server ${formatMs(timing.total_ms)}${parts.length ? ` (${parts.join(', ')})` : ''} · ${trip}`;
  }

  function logRequest(url, status, timing, roundTrip) {
    const rows = $('#request-log-rows');
    const absolute = new URL(url, location.href);
    let path = absolute.pathname + absolute.search;
    try { path = decodeURIComponent(path); } catch (_) { /* shown encoded */ }
    const t = timing || {};
    rows.prepend(el('tr', { class: status >= 400 ? 'failed' : '' },
      el('td', { class: 'mono', title: path, text: path }),
      el('td', { text: String(status) }),
      el('td', { text: formatMs(t.total_ms) }),
      el('td', { text: formatMs(t.db_ms) }),
      el('td', { text: t.statements === undefined ? '?' : String(t.statements) }),
      el('td', { text: formatMs(roundTrip) })));
    while (rows.children.length > LOG_ROWS) rows.lastElementChild.remove();
  }

  // ---- the search query -----------------------------------------------------------------

  // The API's parameters as [name, value] pairs; the same names go in the page's address.
  function searchParams() {
    const params = [];
    const q = state.q.trim();
    if (q) params.push(['q', q]);
    if (state.minPrice.trim()) params.push(['min_price', state.minPrice.trim()]);
    if (state.maxPrice.trim()) params.push(['max_price', state.maxPrice.trim()]);
    if (state.inStock) params.push(['in_stock', 'true']);
    for (const tag of state.tags) params.push(['tag', tag]);
    if (state.tags.length > 1 && state.tagsMode === 'any') params.push(['tags_mode', 'any']);
    if (state.category) params.push(['category', state.category]);
    if (state.brand) params.push(['attr', `brand=${state.brand}`]);
    if (state.color) params.push(['attr', `color=${state.color}`]);
    if (state.size) params.push(['attr', `size=${state.size}`]);
    for (const attr of state.attrs) params.push(['attr', attr]);
    if (state.sort) params.push(['sort', state.sort]);
    return params;
  }

  // encodeURIComponent throughout (the API's contract): a space is %20, "<" is %3C.
  const encode = (params) => params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');

  function readAddress() {
    const params = new URLSearchParams(location.search);
    state.q = params.get('q') || '';
    state.minPrice = params.get('min_price') || '';
    state.maxPrice = params.get('max_price') || '';
    state.inStock = params.get('in_stock') === 'true';
    state.tags = params.getAll('tag');
    state.tagsMode = params.get('tags_mode') === 'any' ? 'any' : 'all';
    state.category = params.get('category') || '';
    // "rank" is the default with a query (and refused without one): the empty choice.
    const sort = params.get('sort');
    state.sort = ['newest', 'price_asc', 'price_desc'].includes(sort) ? sort : '';
    state.attrs = [];
    for (const attr of params.getAll('attr')) {
      const match = /^(brand|color|size)=(.+)$/.exec(attr);
      if (match && !state[match[1]]) state[match[1]] = match[2];
      else state.attrs.push(attr);
    }
    const product = Number(params.get('product'));
    state.product = Number.isInteger(product) && product > 0 ? product : null;
  }

  function writeAddress() {
    const params = searchParams();
    if (state.product) params.push(['product', String(state.product)]);
    const query = encode(params);
    history.replaceState(null, '', query ? `?${query}` : location.pathname);
  }

  // ---- search ---------------------------------------------------------------------------

  let searchSeq = 0;
  let searchAbort = null;

  // A filter changed: back to the first page, with fresh facets.
  function filtersChanged() {
    cursors = [null];
    facets = null;
    syncControls();
    writeAddress();
    search();
  }

  async function search() {
    const seq = ++searchSeq;
    if (searchAbort) searchAbort.abort();
    searchAbort = new AbortController();
    const after = cursors[cursors.length - 1];
    const wantFacets = cursors.length === 1 || facets === null;
    const params = searchParams();
    params.push(['limit', String(LIMIT)]);
    if (after) params.push(['after', after]);
    if (!wantFacets) params.push(['facets', 'false']);
    const url = `api/search?${encode(params)}`;

    const results = $('#results');
    results.setAttribute('aria-busy', 'true');
    results.dataset.state = 'loading';
    document.body.classList.add('loading');
    try {
      const { body, timing, roundTrip } = await getJson(url, searchAbort.signal);
      if (seq !== searchSeq) return;
      if (body.facets) facets = body.facets;
      nextCursor = body.next || null;
      clearErrors();
      renderResults(Array.isArray(body.items) ? body.items : []);
      renderFacets();
      renderPager();
      renderStatus(timing, roundTrip);
      results.dataset.url = new URL(url, location.href).href;
      results.dataset.state = 'ready';
    } catch (error) {
      if (error.name === 'AbortError' || seq !== searchSeq) return;
      showError(error);
      $('#count').textContent = 'Search failed';
      $('#timing').textContent = error.roundTrip === undefined ? '' : timingText(error.timing, error.roundTrip);
      results.dataset.state = 'error';
    } finally {
      if (seq === searchSeq) {
        results.setAttribute('aria-busy', 'false');
        document.body.classList.remove('loading');
      }
    }
  }

  function renderStatus(timing, roundTrip) {
    const total = facets && typeof facets.total === 'number' ? facets.total : null;
    const first = (cursors.length - 1) * LIMIT + 1;
    const shown = $('#results').children.length;
    let count;
    if (total === null) count = shown ? `Results ${integer.format(first)}–${integer.format(first + shown - 1)}` : 'No results';
    else if (total === 0) count = 'No results';
    else if (total <= LIMIT && cursors.length === 1) count = `${integer.format(total)} result${total === 1 ? '' : 's'}`;
    else count = `${integer.format(first)}–${integer.format(first + shown - 1)} of ${integer.format(total)} results`;
    $('#count').textContent = count;
    $('#timing').textContent = timingText(timing, roundTrip);
  }

  function renderPager() {
    $('#prev').disabled = cursors.length <= 1;
    $('#next').disabled = !nextCursor;
    $('#page').textContent = `Page ${cursors.length}`;
  }

  // ---- result cards ---------------------------------------------------------------------

  function snippetNode(segments) {
    const p = el('p', { class: 'snippet' });
    for (const segment of segments || []) {
      const text = String(segment && segment.text !== undefined ? segment.text : '');
      p.append(segment && segment.hit ? el('mark', { text }) : document.createTextNode(text));
    }
    return p;
  }

  function stockNode(stock) {
    const n = Number(stock);
    return n > 0
      ? el('span', { class: 'stock in', dataset: { stock: String(n) }, text: `In stock (${integer.format(n)})` })
      : el('span', { class: 'stock out', dataset: { stock: '0' }, text: 'Out of stock' });
  }

  function categoryLabel(slug) {
    return categoryNames.get(slug) || slug;
  }

  function card(item) {
    const open = () => openProduct(item.id);
    const tags = Array.isArray(item.tags) ? item.tags : [];
    const categories = Array.isArray(item.categories) ? item.categories : [];
    return el('article', {
      class: `card${state.product === item.id ? ' selected' : ''}`,
      dataset: { id: String(item.id), testid: 'card' },
      onclick: (event) => { if (!event.target.closest('button')) open(); },
    },
      el('div', { class: 'card-meta' },
        el('span', { class: 'card-brand', text: item.brand || '' }),
        el('span', { class: 'card-category', text: categories.map(categoryLabel).join(', ') })),
      el('h3', { class: 'card-title' },
        el('button', { type: 'button', class: 'card-open', onclick: open, text: item.name })),
      snippetNode(item.snippet),
      el('ul', { class: 'tags' }, tags.map((tag) => el('li', { class: 'tag', text: tag }))),
      el('div', { class: 'card-foot' },
        el('span', { class: 'price', text: formatPrice(item.price) }),
        stockNode(item.stock),
        typeof item.rank === 'number'
          ? el('span', { class: 'rank', title: 'Relevance (ts_rank)', text: `rank ${item.rank.toFixed(3)}` })
          : null));
  }

  function renderResults(items) {
    const results = $('#results');
    results.replaceChildren(...items.map(card));
    $('#empty').hidden = items.length > 0;
  }

  // ---- facets ---------------------------------------------------------------------------

  // One checkbox row per value; selected values stay listed even when the facet lacks them.
  function facetRows(list, selected, kind, onToggle) {
    const counts = new Map((Array.isArray(list) ? list : []).map((f) => [String(f.value), f.count]));
    const values = [...counts.keys()];
    for (const value of selected) if (!counts.has(value)) values.unshift(value);
    const shown = expanded[kind] ? values : values.slice(0, Math.max(FACETS_SHOWN, selected.length));
    const rows = shown.map((value) => {
      const input = el('input', {
        type: 'checkbox',
        checked: selected.includes(value),
        dataset: kind === 'tags' ? { tag: value } : { brand: value },
        onchange: (event) => onToggle(value, event.target.checked),
      });
      return el('li', {},
        el('label', { class: 'check' }, input,
          el('span', { class: 'facet-value', text: value }),
          el('span', { class: 'count', text: counts.has(value) ? integer.format(counts.get(value)) : '0' })));
    });
    return { rows, hidden: values.length - shown.length };
  }

  function renderFacetList(kind, list, selected, onToggle) {
    const { rows, hidden } = facetRows(list, selected, kind, onToggle);
    const target = $(kind === 'tags' ? '#facet-tags' : '#facet-brands');
    target.replaceChildren(...(rows.length ? rows : [el('li', { class: 'muted', text: 'None' })]));
    const more = $(kind === 'tags' ? '#more-tags' : '#more-brands');
    more.hidden = !expanded[kind] && hidden === 0;
    more.textContent = expanded[kind] ? 'Show fewer' : `Show ${hidden} more`;
  }

  function renderFacets() {
    const f = facets || {};
    renderFacetList('tags', f.tags, state.tags, (value, on) => {
      state.tags = on ? [...state.tags, value] : state.tags.filter((t) => t !== value);
      filtersChanged();
    });
    renderFacetList('brands', f.brands, state.brand ? [state.brand] : [], (value, on) => {
      state.brand = on ? value : '';
      filtersChanged();
    });
    const buckets = Array.isArray(f.price) ? f.price : [];
    $('#facet-price').replaceChildren(...buckets.map((bucket) => {
      const min = bucket.min === null || bucket.min === undefined ? '' : String(bucket.min);
      const max = bucket.max === null || bucket.max === undefined ? '' : String(bucket.max);
      // A bucket holds [min, max); max_price includes its value, and prices have two places.
      const upper = max === '' ? '' : (Number(max) - 0.01).toFixed(2);
      const active = state.minPrice === min && state.maxPrice === upper;
      const label = max === '' ? `${formatPrice(min)}+` : `${formatPrice(min)} – ${formatPrice(max)}`;
      return el('li', {},
        el('button', {
          type: 'button',
          class: `bucket${active ? ' active' : ''}`,
          disabled: bucket.count === 0 && !active,
          'aria-pressed': active ? 'true' : 'false',
          dataset: { min, max },
          onclick: () => {
            state.minPrice = active ? '' : min;
            state.maxPrice = active ? '' : upper;
            filtersChanged();
          },
        },
          el('span', { class: 'facet-value', text: label }),
          el('span', { class: 'count', text: integer.format(bucket.count || 0) })));
    }));
  }

  // ---- active filter chips and controls -------------------------------------------------

  function chip(label, remove) {
    return el('li', { class: 'chip' },
      el('span', { text: label }),
      el('button', { type: 'button', 'aria-label': `Remove ${label}`, text: '×', onclick: () => { remove(); filtersChanged(); } }));
  }

  function renderChips() {
    const chips = [];
    if (state.q.trim()) chips.push(chip(`“${state.q.trim()}”`, () => { state.q = ''; }));
    if (state.category) chips.push(chip(categoryLabel(state.category), () => { state.category = ''; }));
    if (state.inStock) chips.push(chip('In stock', () => { state.inStock = false; }));
    if (state.minPrice || state.maxPrice) {
      const label = state.maxPrice
        ? `Price ${state.minPrice || '0'} – ${state.maxPrice}` : `Price ≥ ${state.minPrice}`;
      chips.push(chip(label, () => { state.minPrice = ''; state.maxPrice = ''; }));
    }
    for (const tag of state.tags) chips.push(chip(`#${tag}`, () => { state.tags = state.tags.filter((t) => t !== tag); }));
    if (state.brand) chips.push(chip(`Brand: ${state.brand}`, () => { state.brand = ''; }));
    if (state.color) chips.push(chip(`Colour: ${state.color}`, () => { state.color = ''; }));
    if (state.size) chips.push(chip(`Size: ${state.size}`, () => { state.size = ''; }));
    for (const attr of state.attrs) chips.push(chip(attr, () => { state.attrs = state.attrs.filter((a) => a !== attr); }));
    $('#chips').replaceChildren(...chips);
    $('#clear').hidden = chips.length === 0;
  }

  // The controls show the state (after reading the address, or removing a chip).
  function syncControls() {
    if ($('#q').value !== state.q) $('#q').value = state.q;
    $('#category').value = state.category;
    $('#in-stock').checked = state.inStock;
    if ($('#min-price').value !== state.minPrice) $('#min-price').value = state.minPrice;
    if ($('#max-price').value !== state.maxPrice) $('#max-price').value = state.maxPrice;
    $('#tags-mode').value = state.tagsMode;
    $('#color').value = state.color;
    $('#size').value = state.size;
    $('#sort').value = state.sort;
    renderChips();
    renderFacets();
  }

  // ---- errors ---------------------------------------------------------------------------

  // The fields of a validation error, shown beside the inputs that set them.
  const fieldInputs = {
    q: ['#q'],
    min_price: ['#min-price'],
    max_price: ['#max-price'],
    attr: ['#attr-input'],
  };
  const fieldMessages = { min_price: '#price-error', max_price: '#price-error', attr: '#attr-error' };

  function clearErrors() {
    $('#error').hidden = true;
    $('#error').replaceChildren();
    for (const input of document.querySelectorAll('[aria-invalid="true"]')) input.removeAttribute('aria-invalid');
    for (const message of ['#price-error', '#attr-error']) {
      $(message).hidden = true;
      $(message).textContent = '';
    }
  }

  function showError(error) {
    clearErrors();
    const box = $('#error');
    const title = error instanceof ApiError
      ? `${error.message}${error.code ? ` (${error.code})` : ''}`
      : `The catalog could not be reached: ${error.message}`;
    const fields = error instanceof ApiError ? Object.entries(error.fields) : [];
    box.append(el('strong', { text: title }));
    if (fields.length) {
      box.append(el('ul', {}, fields.map(([field, message]) => el('li', {}, el('code', { text: field }), ` ${message}`))));
    }
    if (error.requestId) box.append(el('p', { class: 'muted', text: `Request ${error.requestId}` }));
    box.hidden = false;
    for (const [field, message] of fields) {
      const base = field.split(/[.[]/)[0];
      for (const selector of fieldInputs[base] || []) $(selector).setAttribute('aria-invalid', 'true');
      const target = fieldMessages[base];
      if (target) {
        $(target).textContent = String(message);
        $(target).hidden = false;
      }
    }
  }

  // ---- the detail panel -----------------------------------------------------------------

  let detailSeq = 0;

  // A JSON value as nodes: objects as nested tables (one row per key, data-path the key path
  // from the root), arrays as a list, scalars as text.
  function valueNode(value, path) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const table = el('table', { class: 'attrs' });
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        const nested = child !== null && typeof child === 'object' && !Array.isArray(child);
        table.append(el('tr', { dataset: { path: childPath }, class: nested ? 'nested' : '' },
          el('th', { scope: 'row', text: key }),
          el('td', {}, valueNode(child, childPath))));
      }
      return table;
    }
    if (Array.isArray(value)) {
      return el('ul', { class: 'tags' }, value.map((v) => el('li', { class: 'tag' }, valueNode(v, path))));
    }
    if (value === null) return el('span', { class: 'muted', text: 'null' });
    const text = el('span', { class: `value ${typeof value}`, text: String(value) });
    if (path === 'color' && typeof value === 'string') {
      const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.backgroundColor = value;  // the CSSOM ignores what is not a colour
      return el('span', {}, swatch, text);
    }
    return text;
  }

  function detailRow(label, ...content) {
    return el('div', { class: 'kv' }, el('dt', { text: label }), el('dd', {}, ...content));
  }

  function categoryPath(slug) {
    const names = [];
    for (let s = slug, guard = 0; s && guard < 10; s = categoryParents.get(s), guard += 1) names.unshift(categoryLabel(s));
    return names.join(' › ');
  }

  function renderProduct(product) {
    const tags = Array.isArray(product.tags) ? product.tags : [];
    const categories = Array.isArray(product.categories) ? product.categories : [];
    $('#detail-sku').textContent = product.sku || '';
    $('#detail-body').replaceChildren(
      el('h2', { id: 'detail-name', class: 'detail-name', text: product.name }),
      el('div', { class: 'detail-price-row' },
        el('span', { class: 'price big', id: 'detail-price', text: formatPrice(product.price) }),
        stockNode(product.stock)),
      el('p', { class: 'description', id: 'detail-description', text: product.description || '' }),
      el('dl', { class: 'facts' },
        detailRow('Categories', ...categories.map((slug) => el('div', { text: categoryPath(slug) }))),
        detailRow('Tags', el('ul', { class: 'tags' }, tags.map((tag) => el('li', { class: 'tag', text: tag })))),
        detailRow('Created', product.created_at ? formatDate(product.created_at) : '—'),
        detailRow('Updated', product.updated_at ? formatDate(product.updated_at) : '—')),
      el('h3', { class: 'section-title', text: 'Attributes' }),
      el('div', { id: 'detail-attributes', dataset: { testid: 'detail-attributes' } },
        valueNode(product.attributes || {}, '')));
  }

  async function openProduct(id) {
    const seq = ++detailSeq;
    state.product = id;
    writeAddress();
    for (const node of document.querySelectorAll('.card.selected')) node.classList.remove('selected');
    const selected = document.querySelector(`.card[data-id="${CSS.escape(String(id))}"]`);
    if (selected) selected.classList.add('selected');
    const panel = $('#detail');
    panel.hidden = false;
    panel.dataset.id = String(id);
    panel.dataset.state = 'loading';
    $('#layout').classList.add('with-detail');
    $('#detail-body').replaceChildren(el('p', { class: 'muted', text: 'Loading…' }));
    $('#detail-timing').textContent = '';
    try {
      const { body, timing, roundTrip } = await getJson(`api/products/${encodeURIComponent(id)}`);
      if (seq !== detailSeq) return;
      renderProduct(body);
      $('#detail-timing').textContent = `Query time: ${timingText(timing, roundTrip)}`;
      panel.dataset.state = 'ready';
    } catch (error) {
      if (seq !== detailSeq) return;
      const message = error instanceof ApiError && error.status === 404
        ? `Product ${id} does not exist.` : error.message;
      $('#detail-body').replaceChildren(el('p', { class: 'error', text: message }));
      panel.dataset.state = 'error';
    }
    panel.focus({ preventScroll: true });
  }

  function closeProduct() {
    detailSeq += 1;
    state.product = null;
    writeAddress();
    $('#detail').hidden = true;
    $('#layout').classList.remove('with-detail');
    for (const node of document.querySelectorAll('.card.selected')) node.classList.remove('selected');
  }

  // ---- categories -----------------------------------------------------------------------

  async function loadCategories() {
    try {
      const { body } = await getJson('api/categories');
      const list = Array.isArray(body.categories) ? body.categories : [];
      const children = new Map();
      for (const c of list) {
        categoryNames.set(c.slug, c.name);
        if (c.parent) categoryParents.set(c.slug, c.parent);
        const key = c.parent || '';
        if (!children.has(key)) children.set(key, []);
        children.get(key).push(c);
      }
      // Depth-first, indented by level: the option list reads as the tree.
      const options = [];
      const walk = (parent, depth) => {
        for (const c of children.get(parent) || []) {
          options.push(el('option', { value: c.slug, text: `${'\u00a0\u00a0\u00a0'.repeat(depth)}${c.name}` }));
          if (depth < 8) walk(c.slug, depth + 1);
        }
      };
      walk('', 0);
      $('#category').replaceChildren(el('option', { value: '', text: 'All categories' }), ...options);
      $('#category').value = state.category;
      renderChips();
    } catch (error) {
      // Search still works without the tree; say what failed.
      showError(error);
    }
  }

  // ---- wiring ---------------------------------------------------------------------------

  function debounce(fn, ms) {
    let timer = null;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
  }

  function addAttr(text) {
    const attr = text.trim();
    if (!attr || state.attrs.includes(attr)) return;
    state.attrs = [...state.attrs, attr];
    filtersChanged();
  }

  function wire() {
    const q = $('#q');
    const typed = debounce(() => {
      if (q.value === state.q) return;
      state.q = q.value;
      filtersChanged();
    }, TYPE_DELAY_MS);
    q.addEventListener('input', typed);
    $('#search-form').addEventListener('submit', (event) => {
      event.preventDefault();
      state.q = q.value;
      filtersChanged();
    });

    $('#category').addEventListener('change', (e) => { state.category = e.target.value; filtersChanged(); });
    $('#in-stock').addEventListener('change', (e) => { state.inStock = e.target.checked; filtersChanged(); });
    $('#tags-mode').addEventListener('change', (e) => { state.tagsMode = e.target.value; filtersChanged(); });
    $('#color').addEventListener('change', (e) => { state.color = e.target.value; filtersChanged(); });
    $('#size').addEventListener('change', (e) => { state.size = e.target.value; filtersChanged(); });
    $('#sort').addEventListener('change', (e) => { state.sort = e.target.value; filtersChanged(); });

    const priced = debounce(() => {
      state.minPrice = $('#min-price').value;
      state.maxPrice = $('#max-price').value;
      filtersChanged();
    }, PRICE_DELAY_MS);
    $('#min-price').addEventListener('input', priced);
    $('#max-price').addEventListener('input', priced);

    $('#attr-form').addEventListener('submit', (event) => {
      event.preventDefault();
      addAttr($('#attr-input').value);
      $('#attr-input').value = '';
    });
    for (const example of document.querySelectorAll('button.example')) {
      example.addEventListener('click', () => addAttr(example.dataset.attr));
    }

    $('#more-tags').addEventListener('click', () => { expanded.tags = !expanded.tags; renderFacets(); });
    $('#more-brands').addEventListener('click', () => { expanded.brands = !expanded.brands; renderFacets(); });

    $('#clear').addEventListener('click', () => {
      Object.assign(state, {
        q: '', category: '', minPrice: '', maxPrice: '', inStock: false, tags: [],
        tagsMode: 'all', brand: '', color: '', size: '', attrs: [],
      });
      filtersChanged();
    });

    $('#next').addEventListener('click', () => {
      if (!nextCursor) return;
      cursors.push(nextCursor);
      renderPager();
      search();
      $('#content').scrollIntoView({ block: 'start' });
    });
    $('#prev').addEventListener('click', () => {
      if (cursors.length <= 1) return;
      cursors.pop();
      renderPager();
      search();
      $('#content').scrollIntoView({ block: 'start' });
    });

    $('#detail-close').addEventListener('click', closeProduct);
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !$('#detail').hidden) closeProduct();
      const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement && document.activeElement.tagName);
      if (event.key === '/' && !typing) {
        event.preventDefault();
        q.focus();
      }
    });
  }

  function start() {
    readAddress();
    wire();
    syncControls();
    loadCategories();
    search();
    if (state.product) openProduct(state.product);
  }

  start();
})();
