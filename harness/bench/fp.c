/* Floating-point benchmark workload: an n-body step loop, a Mandelbrot
 * count and a matrix product in double precision, only + - * / and sqrt
 * (correctly rounded everywhere, built with -ffp-contract=off), so every
 * subject prints the native checksum bit for bit. Soft-float on armel, the
 * FPU on MIPS. An optional argument multiplies the work: a hardware FPU runs
 * the default size in a few milliseconds, too short to time. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define BODIES 5

static double pos[BODIES][3], vel[BODIES][3], mass[BODIES];

static double nbody(int steps)
{
	for (int i = 0; i < BODIES; i++) {
		mass[i] = 1.0 + i * 0.25;
		for (int k = 0; k < 3; k++) {
			pos[i][k] = (double)((i * 7 + k * 3) % 11) - 5.0;
			vel[i][k] = (double)((i * 5 + k) % 7) * 0.01;
		}
	}
	const double dt = 0.001;
	for (int s = 0; s < steps; s++) {
		for (int i = 0; i < BODIES; i++)
			for (int j = i + 1; j < BODIES; j++) {
				double d[3], d2 = 0.01;
				for (int k = 0; k < 3; k++) {
					d[k] = pos[i][k] - pos[j][k];
					d2 += d[k] * d[k];
				}
				double mag = dt / (d2 * sqrt(d2));
				for (int k = 0; k < 3; k++) {
					vel[i][k] -= d[k] * mass[j] * mag;
					vel[j][k] += d[k] * mass[i] * mag;
				}
			}
		for (int i = 0; i < BODIES; i++)
			for (int k = 0; k < 3; k++)
				pos[i][k] += dt * vel[i][k];
	}
	double e = 0;
	for (int i = 0; i < BODIES; i++)
		e += mass[i] * (vel[i][0] * vel[i][0] + vel[i][1] * vel[i][1] + vel[i][2] * vel[i][2]);
	return e;
}

static long mandelbrot(int size, int iters)
{
	long inside = 0;
	for (int y = 0; y < size; y++)
		for (int x = 0; x < size; x++) {
			double cr = 2.5 * x / size - 2.0, ci = 2.0 * y / size - 1.0, zr = 0, zi = 0;
			int n = 0;
			while (n < iters && zr * zr + zi * zi <= 4.0) {
				double t = zr * zr - zi * zi + cr;
				zi = 2.0 * zr * zi + ci;
				zr = t;
				n++;
			}
			inside += n == iters;
		}
	return inside;
}

static double matmul(int n)
{
	static double a[64][64], b[64][64], c[64][64];
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++) {
			a[i][j] = (double)(i + 2 * j) / (n + 1);
			b[i][j] = (double)(3 * i - j) / (n + 3);
		}
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++) {
			double s = 0;
			for (int k = 0; k < n; k++)
				s += a[i][k] * b[k][j];
			c[i][j] = s;
		}
	double t = 0;
	for (int i = 0; i < n; i++)
		t += c[i][(i * 7) % n];
	return t;
}

int main(int argc, char **argv)
{
	int scale = argc > 1 ? atoi(argv[1]) : 1;
	if (scale < 1 || scale > 1000) {
		fprintf(stderr, "fp: scale must be 1 to 1000\n");
		return 2;
	}
	double e = nbody(5000 * scale);
	long m = mandelbrot(100, 100 * scale);
	double t = matmul(40);
	printf("nbody %.17g mandelbrot %ld matmul %.17g\n", e, m, t);
	return 0;
}
