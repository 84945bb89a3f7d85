/** The UI's location, kept in the URL hash so a reload (or a shared link) opens the same view. */

export type View = 'stage' | 'wechat' | 'login' | 'inspector' | 'workbench' | 'scenarios' | 'api';

export const VIEWS: readonly View[] = ['stage', 'wechat', 'login', 'inspector', 'workbench', 'scenarios', 'api'];

export interface Route {
  view: View;
  /** Path segments after the view, e.g. ['wx…', 'server'] for an account's server configuration. */
  params: string[];
}

export const DEFAULT_ROUTE: Route = { view: 'stage', params: [] };

export function parseHash(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  const view = parts[0] as View | undefined;
  if (!view || !VIEWS.includes(view)) return DEFAULT_ROUTE;
  return { view, params: parts.slice(1) };
}

export function formatHash(route: Route): string {
  return '#/' + [route.view, ...route.params].map(encodeURIComponent).join('/');
}

export function sameRoute(a: Route, b: Route): boolean {
  return a.view === b.view && a.params.length === b.params.length && a.params.every((p, i) => p === b.params[i]);
}
