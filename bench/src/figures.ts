/** A figure measured in several runs: the median is what the tables lead with. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function spread(runs: number[]): Spread {
  if (runs.length === 0) throw new Error('no runs');
  const sorted = [...runs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs };
}

/** Run by run: each run's figure over the baseline measured next to it. */
export function ratios(value: Spread, baseline: Spread): Spread {
  if (value.runs.length !== baseline.runs.length) throw new Error('runs do not pair up');
  return spread(value.runs.map((run, index) => run / baseline.runs[index]!));
}

export interface Row {
  figure: string;
  unit: string;
  value: Spread;
  /** What the ratio divides by, and its value in the same runs. */
  baseline?: { name: string; value: Spread };
  ratio?: Spread;
  budget?: { text: string; met: boolean };
}

export interface Section {
  id: string;
  title: string;
  /** How it was measured, in a sentence or two. */
  method: string;
  rows: Row[];
  notes: string[];
}

export function row(
  figure: string,
  unit: string,
  value: Spread,
  baseline?: { name: string; value: Spread },
  budget?: { text: string; met: boolean },
): Row {
  return {
    figure,
    unit,
    value,
    ...(baseline ? { baseline, ratio: ratios(value, baseline.value) } : {}),
    ...(budget ? { budget } : {}),
  };
}
