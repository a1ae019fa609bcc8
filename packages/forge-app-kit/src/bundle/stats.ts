// What a webpack stats module list says about a bundle (pure).

/** The part of a webpack stats module this file reads. */
export interface StatsModule { name?: string; modules?: StatsModule[] }

const collect = (modules: StatsModule[], pick: (name: string) => string | undefined): string[] => {
  const names = new Set<string>();
  const visit = (list: StatsModule[]): void => {
    for (const m of list) {
      if (m.modules) visit(m.modules);
      const picked = pick(m.name ?? '');
      if (picked !== undefined) names.add(picked);
    }
  };
  visit(modules);
  return [...names].sort();
};

/** Modules bundled from outside node_modules, relative to the app (Forge's `localModules`). */
export const localModules = (modules: StatsModule[] = []): string[] =>
  collect(modules, (name) =>
    !name.includes('node_modules') && /\.[cm]?[jt]sx?$/.test(name) && !name.startsWith('webpack/') ? name.replace(/ \+ \d+ modules$/, '') : undefined,
  );

/** npm packages webpack pulled into the bundle (Forge's `metadata.modules`). */
export const bundledPackages = (modules: StatsModule[] = []): string[] =>
  // The last node_modules/ segment names the package (pnpm: node_modules/.pnpm/x@1/node_modules/x/).
  collect(modules, (name) => /.*node_modules\/((?:@[^/]+\/)?[^/.][^/]*)\//.exec(name)?.[1]);
