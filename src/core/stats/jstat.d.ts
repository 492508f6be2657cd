// Minimal ambient types for the parts of jstat 1.9.x that the stats core calls.
// jstat ships no TypeScript types; only the quantile functions used as starting values are declared.
declare module 'jstat' {
  interface JStatDistributions {
    normal: { inv(p: number, mean: number, sd: number): number };
    studentt: { inv(p: number, dof: number): number };
    chisquare: { inv(p: number, dof: number): number };
    beta: { inv(p: number, alpha: number, beta: number): number };
  }
  const jStat: JStatDistributions;
  export default jStat;
}
