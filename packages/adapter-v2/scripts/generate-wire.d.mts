export declare const contractUrl: URL;
export declare const outputUrl: URL;
export declare function renderWireTypes(): Promise<string>;
