/** The product an app installs into (`forge install --product`), read from its manifest's first product event. */
export function productOf(manifestText: string): string | undefined {
  return /\bavi:(jira|confluence|compass|bitbucket)[:-]/.exec(manifestText)?.[1];
}
