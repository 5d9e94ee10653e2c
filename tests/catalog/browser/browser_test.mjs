// The catalog's web page in a real browser (Debian's Chromium, driven by puppeteer-core):
//   node browser_test.mjs BASE_URL SCREENSHOT.png
// Types a query as a person would, applies two filters, checks every card against them and
// against the API, pages forward and back, opens a product's details and compares them with
// /api/products/{id}, checks that query times are shown, and saves a screenshot. Prints one
// line per check; exits 1 at the first failure.
import puppeteer from 'puppeteer-core';

const [base, screenshotPath] = process.argv.slice(2);
if (!base || !screenshotPath) {
  console.error('usage: node browser_test.mjs BASE_URL SCREENSHOT.png');
  process.exit(2);
}
const WAIT_MS = 15_000;
const QUERY = 'waterproof';
const TIMING = /server \d+(\.\d+)? ms/;  // the server's time, not only the round trip

class CheckFailed extends Error {}
let checks = 0;
function check(condition, what, detail = '') {
  if (!condition) throw new CheckFailed(`${what}${detail ? `: ${detail}` : ''}`);
  checks += 1;
  console.log(`ok ${checks} - ${what}`);
}

async function getJson(path) {
  const response = await fetch(new URL(path, base));
  if (!response.ok) throw new CheckFailed(`GET ${path} answered ${response.status}`);
  return response.json();
}

// What the page shows, read from the DOM as a person sees it.
function readCards(page) {
  return page.$$eval('#results .card', (cards) => cards.map((card) => ({
    id: Number(card.dataset.id),
    name: card.querySelector('.card-title').textContent.trim(),
    brand: card.querySelector('.card-brand').textContent.trim(),
    stockText: card.querySelector('.stock').textContent.trim(),
    price: card.querySelector('.price').textContent.trim(),
    tags: [...card.querySelectorAll('.tag')].map((t) => t.textContent.trim()),
    text: card.textContent,
    marks: [...card.querySelectorAll('.snippet mark')].map((m) => m.textContent),
  })));
}

// Waits until the page has rendered the response to a search whose URL passes `test` (run
// here in node, so the page needs no eval), and returns that URL.
async function waitForResults(page, what, test) {
  const deadline = Date.now() + WAIT_MS;
  let shown = { state: '?', url: '' };
  while (Date.now() < deadline) {
    shown = await page.$eval('#results', (r) => ({ state: r.dataset.state, url: r.dataset.url || '' }));
    if (shown.state === 'ready' && shown.url && test(shown.url)) return shown.url;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const problem = await page.$eval('#error', (e) => (e.hidden ? '' : e.textContent)).catch(() => '');
  throw new CheckFailed(`${what}: not shown within ${WAIT_MS / 1000} s (the page shows ${shown.state} ${shown.url}` +
    `${problem ? `; error: ${problem}` : ''})`);
}

// A JSON value flattened to "a.b.c" -> value, for comparing the detail view's rows.
function leaves(value, path = '', out = new Map()) {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) leaves(child, path ? `${path}.${key}` : key, out);
  } else {
    out.set(path, value);
  }
  return out;
}

const stockOf = (text) => (/^In stock/.test(text) ? Number(text.replace(/\D/g, '')) : 0);
const sameIds = (a, b) => a.length === b.length && a.every((id, i) => id === b[i]);

async function run(page) {
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // Chromium logs each 4xx response as a console error: those are the API's answers, not bugs.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(message.text());
  });
  const searches = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith('/api/search')) searches.push(request.url());
  });

  // 1. The page loads, with the category tree and a first page of products.
  await page.goto(new URL('/', base).href, { waitUntil: 'domcontentloaded', timeout: WAIT_MS });
  await waitForResults(page, 'the first page', () => true);
  const categoryCount = await page.$$eval('#category option', (options) => options.length);
  check(categoryCount > 16, 'the category filter lists the tree', `${categoryCount - 1} categories`);
  check((await readCards(page)).length > 0, 'the page shows products before any search');

  // 2. As-you-type: the query typed key by key, no Enter pressed.
  const before = searches.length;
  await page.click('#q');
  await page.keyboard.type(QUERY, { delay: 70 });
  await waitForResults(page, `results for "${QUERY}"`, (url) => new URL(url).searchParams.get('q') === QUERY);
  check(searches.length > before, 'typing alone sent a search', `${searches.length - before} request(s) while typing`);
  let cards = await readCards(page);
  check(cards.length > 0, `cards for "${QUERY}" appear as it is typed`, `${cards.length} cards`);
  const allMarks = cards.flatMap((c) => c.marks);
  check(allMarks.length > 0 && allMarks.every((m) => /waterproof/i.test(m)),
    'snippets highlight the query with <mark>', `${allMarks.length} highlights, e.g. ${JSON.stringify(allMarks.slice(0, 3))}`);
  check(cards.every((c) => /waterproof/i.test(c.text)), `every card mentions "${QUERY}"`);

  // 3. Two filters: in stock, then the most frequent brand from the facets.
  await page.click('#in-stock');
  await waitForResults(page, 'results in stock', (url) => new URL(url).searchParams.get('in_stock') === 'true');
  const brandBox = await page.waitForSelector('#facet-brands input[data-brand]', { timeout: WAIT_MS });
  const [brand, brandCount] = await brandBox.evaluate((input) => [
    input.dataset.brand, Number(input.closest('label').querySelector('.count').textContent.replace(/\D/g, ''))]);
  await brandBox.click();
  const filteredUrl = await waitForResults(page, `results of brand ${brand}`,
    (url) => new URL(url).searchParams.getAll('attr').some((a) => a.startsWith('brand=')));
  const params = new URL(filteredUrl).searchParams;
  check(params.get('q') === QUERY && params.get('in_stock') === 'true' && params.getAll('attr').includes(`brand=${brand}`),
    'the page asked for the query and both filters', filteredUrl);
  cards = await readCards(page);
  check(cards.length > 0, `cards shown for brand ${brand}, in stock`, `${cards.length} cards`);
  check(cards.every((c) => c.brand === brand), `every card is of brand ${brand}`,
    cards.filter((c) => c.brand !== brand).map((c) => `${c.id}: ${c.brand}`).join(', '));
  check(cards.every((c) => stockOf(c.stockText) > 0), 'every card is in stock',
    cards.filter((c) => stockOf(c.stockText) <= 0).map((c) => `${c.id}: ${c.stockText}`).join(', '));
  const countText = await page.$eval('#count', (e) => e.textContent);
  const total = Number((/of ([\d,]+) results|^([\d,]+) results?/.exec(countText) || []).slice(1).find(Boolean)?.replace(/,/g, ''));
  check(total === brandCount, "the brand facet's count is the number of results", `facet ${brandCount}, page says "${countText}"`);

  // ... and the same request, sent independently, returns exactly the products shown.
  check(searches.includes(filteredUrl), 'the rendered URL is one the page requested');
  const api = await getJson(filteredUrl);
  check(sameIds(cards.map((c) => c.id), api.items.map((i) => i.id)), 'the cards are the API\'s items, in order',
    `page ${cards.map((c) => c.id)} vs API ${api.items.map((i) => i.id)}`);
  check(api.items.every((i) => i.stock > 0 && i.brand === brand), 'the API\'s items satisfy the filters too');
  check(cards.every((c, i) => c.price.replace(/,/g, '') === api.items[i].price), 'the cards show the API\'s prices');
  check(api.next, 'there is a next page', `${api.facets && api.facets.total} results`);

  // 4. Pagination: forward to new products, back to the same first page.
  const firstIds = cards.map((c) => c.id);
  await page.click('#next');
  const secondUrl = await waitForResults(page, 'the second page', (url) => new URL(url).searchParams.has('after'));
  const second = await readCards(page);
  check(second.length > 0 && second.every((c) => !firstIds.includes(c.id)), 'the next page shows different products',
    `page 2: ${second.map((c) => c.id)}`);
  check(second.every((c) => c.brand === brand && stockOf(c.stockText) > 0), 'the next page keeps both filters');
  check(sameIds(second.map((c) => c.id), (await getJson(secondUrl)).items.map((i) => i.id)), 'page 2 matches the API');
  check(await page.$eval('#page', (e) => e.textContent.includes('2')), 'the pager says page 2');
  await page.click('#prev');
  await waitForResults(page, 'the first page again',
    (url) => !new URL(url).searchParams.has('after') && new URL(url).searchParams.get('q') === QUERY);
  const back = (await readCards(page)).map((c) => c.id);
  check(sameIds(back, firstIds), 'previous returns to the same first page', `${back} vs ${firstIds}`);
  check(await page.$eval('#prev', (b) => b.disabled), 'previous is disabled on the first page');

  // 5. Query time shown for the search.
  const timing = await page.$eval('#timing', (e) => e.textContent);
  check(TIMING.test(timing), 'the query time of the search is shown', timing);

  // 6. The detail view: its JSONB attributes as the API has them.
  const id = firstIds[0];
  await page.click(`#results .card[data-id="${id}"] .card-open`);
  try {
    await page.waitForSelector(`#detail[data-id="${id}"][data-state="ready"]`, { visible: true, timeout: WAIT_MS });
  } catch {
    throw new CheckFailed(`the detail view of product ${id} did not show within ${WAIT_MS / 1000} s`);
  }
  const product = await getJson(`/api/products/${id}`);
  const shown = await page.$$eval('#detail-attributes tr[data-path]', (rows) => Object.fromEntries(rows
    .filter((row) => !row.classList.contains('nested'))
    .map((row) => [row.dataset.path, row.querySelector(':scope > td').textContent.trim()])));
  const name = await page.$eval('#detail-name', (e) => e.textContent);
  check(name === product.name, 'the detail view names the product', name);
  check(shown.brand === product.attributes.brand && shown.brand === brand, 'the detail view shows attributes.brand', shown.brand);
  const weight = product.attributes.specs && product.attributes.specs.weight_kg;
  check(weight !== undefined && shown['specs.weight_kg'] === String(weight),
    'the detail view shows attributes.specs.weight_kg (nested)', `${shown['specs.weight_kg']} vs ${weight}`);
  const expected = leaves(product.attributes);
  const wrong = [...expected].filter(([path, value]) => shown[path] !== (Array.isArray(value) ? value.join('') : String(value)));
  check(wrong.length === 0, `the detail view shows all ${expected.size} attribute values`,
    wrong.map(([p, v]) => `${p}: ${JSON.stringify(v)} shown as ${JSON.stringify(shown[p])}`).join('; '));
  const detailTiming = await page.$eval('#detail-timing', (e) => e.textContent);
  check(TIMING.test(detailTiming), 'the query time of the detail request is shown', detailTiming);

  // 7. The screenshot: results, filters and the open detail view.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshotPath, fullPage: true });
  // The first screen alone (what examples/catalog/README.md shows), as a smaller JPEG.
  const firstScreen = screenshotPath.replace(/(\.png)?$/, '-first-screen.jpg');
  await page.screenshot({ path: firstScreen, type: 'jpeg', quality: 80 });
  check(true, `screenshots saved to ${screenshotPath} and ${firstScreen}`);

  // 8. A validation error is shown beside the field the API names, and clears when fixed.
  await page.type('#min-price', 'abc');
  try {
    await page.waitForSelector('#error:not([hidden])', { timeout: WAIT_MS });
  } catch {
    throw new CheckFailed('no error shown for min_price=abc');
  }
  const invalid = await page.$eval('#min-price', (e) => e.getAttribute('aria-invalid'));
  check(invalid === 'true', 'a rejected min_price is marked on its input',
    await page.$eval('#error', (e) => e.textContent));
  await page.$eval('#min-price', (e) => { e.value = ''; e.dispatchEvent(new Event('input', { bubbles: true })); });
  await waitForResults(page, 'results once the price is cleared', (url) => !new URL(url).searchParams.has('min_price'));
  check(await page.$eval('#error', (e) => e.hidden), 'the error goes away once the input is fixed');

  check(pageErrors.length === 0, 'no JavaScript errors on the page', pageErrors.join('; '));
}

const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  // CI runs as root, where Chromium's sandbox cannot start; /dev/shm may be small in containers.
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--window-size=1280,900'],
});
let failed = false;
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.setDefaultTimeout(WAIT_MS);
  await run(page);
  console.log(`browser test: ${checks} checks passed`);
} catch (error) {
  failed = true;
  console.error(`FAILED: ${error instanceof CheckFailed ? error.message : error.stack || error}`);
  // What the page looked like when it failed, beside the screenshot's path.
  const pages = await browser.pages().catch(() => []);
  const last = pages[pages.length - 1];
  if (last) {
    const failurePath = screenshotPath.replace(/(\.png)?$/, '.failed.png');
    await last.screenshot({ path: failurePath, fullPage: true }).then(
      () => console.error(`the page at the failure: ${failurePath}`), () => {});
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
