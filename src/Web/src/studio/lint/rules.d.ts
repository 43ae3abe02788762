export declare function setKnownActivities(topics: string[] | null): void;
export declare function setKnownFunctions(names: string[] | null): void;
export declare function validateExpression(text: string, bareIsCode: boolean): string | null;
export declare const rules: Record<string, { factory: () => unknown; category: string }>;
