#!/usr/bin/Rscript
# Abadie-Imbens standard errors for nearest-neighbour matching with replacement,
# from Sekhon's Matching package (Debian r-cran-matching): Match(Y, Tr, X = the
# glm propensity score, M, estimand = "ATT" or "ATC", replace = TRUE, ties = TRUE, distance.tolerance = 0,
# Var.calc = 0) on simulated data without ties.  Writes test/data/ai_data.csv
# and test/data/ai_reference.csv.  Run from the project root:
#   Rscript test/scripts/make_ai_reference.R
suppressPackageStartupMessages(library(Matching))
set.seed(20261129)
n <- 600
x1 <- rnorm(n); x2 <- rnorm(n); x3 <- runif(n)
t <- rbinom(n, 1, plogis(-0.8 + 0.7 * x1 - 0.5 * x2 + x3))
y <- 1 + x1 + 0.5 * x2 + 2 * x3 + t * (1.5 + 0.5 * x1) + rnorm(n)
d <- data.frame(id = seq_len(n), t = t, x1 = x1, x2 = x2, x3 = x3, y = y)
write.csv(format(d, digits = 17), "test/data/ai_data.csv", row.names = FALSE, quote = FALSE)
ps <- fitted(glm(t ~ x1 + x2 + x3, family = binomial, data = d,
                 control = glm.control(epsilon = 1e-14, maxit = 100)))
runs <- data.frame(estimand = c("ATT", "ATT", "ATC"), ratio = c(1, 3, 2))
out <- do.call(rbind, lapply(seq_len(nrow(runs)), function(k) {
  r <- Match(Y = d$y, Tr = d$t, X = ps, M = runs$ratio[k], estimand = runs$estimand[k], replace = TRUE,
             ties = TRUE, distance.tolerance = 0, Var.calc = 0)
  data.frame(estimand = runs$estimand[k], ratio = runs$ratio[k], estimate = r$est, std_error = r$se)
}))
write.csv(format(out, digits = 17), "test/data/ai_reference.csv", row.names = FALSE, quote = FALSE)
print(out)
