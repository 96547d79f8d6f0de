/**
 * A deliberately tiny, independent scalar reverse-mode autograd (micrograd
 * style) used only as a reference for the engine. It shares no code with
 * lib/engine: every op records its own local derivative and backward() walks
 * the graph in reverse topological order.
 */
export class Value {
  grad = 0;
  constructor(
    public data: number,
    readonly parents: readonly Value[] = [],
    readonly local: readonly number[] = [],
  ) {}

  add(o: Value | number): Value {
    const v = typeof o === "number" ? new Value(o) : o;
    return new Value(this.data + v.data, [this, v], [1, 1]);
  }

  sub(o: Value | number): Value {
    const v = typeof o === "number" ? new Value(o) : o;
    return new Value(this.data - v.data, [this, v], [1, -1]);
  }

  mul(o: Value | number): Value {
    const v = typeof o === "number" ? new Value(o) : o;
    return new Value(this.data * v.data, [this, v], [v.data, this.data]);
  }

  div(k: number): Value {
    return new Value(this.data / k, [this], [1 / k]);
  }

  exp(): Value {
    const e = Math.exp(this.data);
    return new Value(e, [this], [e]);
  }

  log(): Value {
    return new Value(Math.log(this.data), [this], [1 / this.data]);
  }

  tanh(): Value {
    const t = Math.tanh(this.data);
    return new Value(t, [this], [1 - t * t]);
  }

  sigmoid(): Value {
    const x = this.data;
    const s = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    return new Value(s, [this], [s * (1 - s)]);
  }

  relu(): Value {
    return new Value(this.data > 0 ? this.data : 0, [this], [this.data > 0 ? 1 : 0]);
  }

  leakyRelu(): Value {
    return new Value(this.data > 0 ? this.data : 0.01 * this.data, [this], [this.data > 0 ? 1 : 0.01]);
  }

  act(name: string): Value {
    switch (name) {
      case "sigmoid":
        return this.sigmoid();
      case "tanh":
        return this.tanh();
      case "relu":
        return this.relu();
      case "leaky_relu":
        return this.leakyRelu();
      case "linear":
        return this;
      default:
        throw new Error(`autograd: unknown activation ${name}`);
    }
  }

  backward(): void {
    const order: Value[] = [];
    const seen = new Set<Value>();
    // Iterative post-order DFS: graphs of big batches are far deeper than the call stack.
    const stack: [Value, number][] = [[this, 0]];
    seen.add(this);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as [Value, number];
      const [v, i] = top;
      if (i < v.parents.length) {
        top[1] = i + 1;
        const p = v.parents[i] as Value;
        if (!seen.has(p)) {
          seen.add(p);
          stack.push([p, 0]);
        }
      } else {
        order.push(v);
        stack.pop();
      }
    }
    this.grad = 1;
    for (let k = order.length - 1; k >= 0; k--) {
      const v = order[k] as Value;
      for (let j = 0; j < v.parents.length; j++) {
        (v.parents[j] as Value).grad += (v.local[j] as number) * v.grad;
      }
    }
  }
}

/** Σ_i w_i x_i + b as one node, so 100-example batches stay a manageable graph. */
export function affine(ws: readonly Value[], xs: readonly Value[], b: Value): Value {
  let s = b.data;
  for (let i = 0; i < ws.length; i++) s += (ws[i] as Value).data * (xs[i] as Value).data;
  return new Value(s, [...ws, ...xs, b], [...xs.map((x) => x.data), ...ws.map((w) => w.data), 1]);
}

export function sum(vs: readonly Value[]): Value {
  return new Value(
    vs.reduce((s, v) => s + v.data, 0),
    vs,
    vs.map(() => 1),
  );
}

export const leaf = (x: number): Value => new Value(x);
export const leaves = (xs: readonly number[]): Value[] => xs.map(leaf);
export const leafMatrix = (m: readonly (readonly number[])[]): Value[][] => m.map((r) => leaves(r));
