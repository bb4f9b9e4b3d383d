// Turns what a model passes to `scrape` into the name of a bundled page: the full address
// (https://corpus.agentlab.test/photosynthesis), the host without a scheme, a path (/photosynthesis)
// or the file name search_web shows (photosynthesis.html). Anything else is refused, so an
// address can never name a file outside the pages directory.
import { CORPUS_PAGE_ORIGIN } from '../constants.js';
import { ScrapeError } from '../errors.js';

const pageNamePattern = /^[a-z0-9][a-z0-9-]*$/;
const corpusHost = new URL(CORPUS_PAGE_ORIGIN).host;

/** The page name (file name without `.html`) an address points at; throws ScrapeError when it points anywhere else. */
export function pageNameFromAddress(address: string): string {
  const trimmed = address.trim();
  let pathPart = trimmed;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  if (withScheme || trimmed.toLowerCase().startsWith(`${corpusHost}/`) || trimmed.toLowerCase() === corpusHost) {
    let url: URL;
    try {
      url = new URL(withScheme ? trimmed : `https://${trimmed}`);
    } catch (error) {
      throw new ScrapeError('AGENTLAB_SCRAPE_ADDRESS_REFUSED', address, `"${address}" is not a valid address`, { cause: error });
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.host.toLowerCase() !== corpusHost) {
      throw new ScrapeError(
        'AGENTLAB_SCRAPE_ADDRESS_REFUSED',
        address,
        `scrape reads only the pages bundled with agentlab, at ${CORPUS_PAGE_ORIGIN}/<page>; it never goes to the network, so it cannot read ${address}`,
      );
    }
    pathPart = url.pathname;
  }
  const name = pathPart
    .replace(/[?#].*$/, '')
    .replace(/^\/+|\/+$/g, '')
    .replace(/\.html?$/i, '')
    .toLowerCase();
  if (!pageNamePattern.test(name)) {
    throw new ScrapeError(
      'AGENTLAB_SCRAPE_ADDRESS_REFUSED',
      address,
      `"${address}" is not a page address: give ${CORPUS_PAGE_ORIGIN}/<page>, where <page> is letters, digits and hyphens`,
    );
  }
  return name;
}

/** The canonical address of a bundled page. */
export function pageAddress(name: string): string {
  return `${CORPUS_PAGE_ORIGIN}/${name}`;
}
