"""PostgreSQL's pg_prng (xoroshiro128** seeded by splitmix64) and the
extension's uniforms and polar-method normals on top of it, bit for bit, so
that reference scripts can draw the same random features as the extension."""
import math

M64 = (1 << 64) - 1


class PgPrng:
    """PostgreSQL's pg_prng and the extension's uniform/normal on top of it."""

    def __init__(self, seed):
        s = seed & M64
        self.s0, s = self._splitmix(s)
        self.s1, s = self._splitmix(s)
        self.spare = None

    @staticmethod
    def _splitmix(state):
        state = (state + 0x9E3779B97F4A7C15) & M64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31), state

    @staticmethod
    def _rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & M64

    def next64(self):
        s0 = self.s0
        sx = self.s1 ^ s0
        val = (self._rotl((s0 * 5) & M64, 7) * 9) & M64
        self.s0 = self._rotl(s0, 24) ^ sx ^ ((sx << 16) & M64)
        self.s1 = self._rotl(sx, 37)
        return val

    def double(self):
        return math.ldexp(float(self.next64() >> 12), -52)

    def uniform(self):
        while True:
            u = self.double()
            if u != 0.0:
                return u

    def normal(self):
        if self.spare is not None:
            v, self.spare = self.spare, None
            return v
        while True:
            u = 2.0 * self.double() - 1.0
            v = 2.0 * self.double() - 1.0
            s = u * u + v * v
            if 0.0 < s < 1.0:
                break
        f = math.sqrt(-2.0 * math.log(s) / s)
        self.spare = v * f
        return u * f
