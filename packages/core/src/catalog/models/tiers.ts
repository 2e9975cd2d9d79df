import type { TierSizes } from '../model-spec.js';

// The Wan size tables are the same for every model that offers a tier; models differ only in which
// tiers they offer. Sources: seed 000 (480P and 1080P tiers of wan2.2-t2v-plus), seed 002 (720P and
// 1080P tiers of wan2.6-t2v), seed 003 (all three tiers, yutoai /v2), wire-formats §1.4 and §2.4.

export const tier480p: TierSizes = { '16:9': '832*480', '9:16': '480*832', '1:1': '624*624' };

export const tier720p: TierSizes = {
  '16:9': '1280*720',
  '9:16': '720*1280',
  '1:1': '960*960',
  '4:3': '1088*832',
  '3:4': '832*1088',
};

export const tier1080p: TierSizes = {
  '16:9': '1920*1080',
  '9:16': '1080*1920',
  '1:1': '1440*1440',
  '4:3': '1632*1248',
  '3:4': '1248*1632',
};

// wan2.7 writes its 4:3 and 3:4 sizes differently from the older models ([MS-T2V27]).
export const tier720pWan27: TierSizes = { ...tier720p, '4:3': '1104*832', '3:4': '832*1104' };
export const tier1080pWan27: TierSizes = { ...tier1080p, '4:3': '1648*1248', '3:4': '1248*1648' };

/** Every provider documents seeds as 0–2147483647 (seeds 000–003, wire-formats §4.4). */
export const seedRange = { min: 0, max: 2147483647 } as const;

/**
 * Typical generation time by tier. 720p and 1080p: seed 004 (apixo wan-2-5, "~50-70 s" and "~70-90 s").
 * 480p is a GUESS (no provider documents it): a little faster than 720p.
 */
export const videoSeconds = {
  '480p': [40, 60],
  '720p': [50, 70],
  '1080p': [70, 90],
} as const;
