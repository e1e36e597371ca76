import type { ServerConfig } from '../config.js';
import { badInput } from '../errors.js';
import { type Instance, instanceSchema, load, predict } from '../predict.js';
import type { Model, PredictBody } from './types.js';

export { instanceSchema };

/** Wraps the `load()` / `predict()` pair in src/predict.ts as the server's model. */
export async function loadModel(config: Pick<ServerConfig, 'modelDir'>): Promise<Model> {
  const loaded = await load(config.modelDir);
  return {
    framework: 'custom',
    signature: { instance: instanceSchema },
    prepare(body: PredictBody) {
      if (body.instances === undefined) throw badInput('this model takes {"instances": [...]}, not "inputs"');
      const instances = body.instances as Instance[];
      return {
        rows: instances.length,
        run: async () => {
          const predictions = await predict(loaded, instances);
          if (predictions.length !== instances.length) {
            throw new Error(
              `predict() returned ${predictions.length} predictions for ${instances.length} instances`,
            );
          }
          return JSON.stringify({ predictions });
        },
      };
    },
    close: async () => {},
  };
}
