// Figures of the other parts (bridge, both engines); filled in as those parts land.
export async function runBenchParts(_figure: (name: string, value: number | string, note?: string) => void): Promise<void> {}
