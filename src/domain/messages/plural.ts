/** "1 change", "2 changes": English plurals (Chinese has none: its catalogue writes the number and a measure word). */
export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
