export declare function contractUrl(contract: string): URL;
export declare function renderWireTypes(contract: string): Promise<string>;
