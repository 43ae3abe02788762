export declare const lintConfig: { rules: Record<string, string> };
export declare const lintResolver: { resolveRule(pkg: string, ruleName: string): unknown; resolveConfig(pkg: string, configName: string): unknown };
