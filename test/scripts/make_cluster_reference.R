#!/usr/bin/Rscript
# Cluster-robust standard errors of weighted effects (causal.weighting_effect(cluster => ...)):
# IPW weights from R's glm propensity score on MatchIt's lalonde, lm(re78 ~ treat, weights = w),
# sandwich::vcovCL(cluster = ~ educ) (its default: HC1 with the G/(G - 1) adjustment).
# Writes test/data/lalonde_cluster_reference.csv.  Run from the project root:
#   Rscript test/scripts/make_cluster_reference.R      (Debian: r-base-core, r-cran-sandwich)
suppressPackageStartupMessages(library(sandwich))
d <- read.csv("test/data/lalonde.csv")
d$black <- as.integer(d$race == "black")
d$hispan <- as.integer(d$race == "hispan")
ps <- fitted(glm(treat ~ age + educ + black + hispan + married + nodegree + re74 + re75, family = binomial,
                 data = d, control = glm.control(epsilon = 1e-14, maxit = 100)))
w <- list(ATT = ifelse(d$treat == 1, 1, ps / (1 - ps)),
          ATE = ifelse(d$treat == 1, 1 / ps, 1 / (1 - ps)))
out <- do.call(rbind, lapply(names(w), function(e) {
  f <- lm(re78 ~ treat, data = d, weights = w[[e]])
  data.frame(estimand = e, estimate = coef(f)[["treat"]], std_error = sqrt(vcovCL(f, cluster = ~educ)[2, 2]))
}))
write.csv(format(out, digits = 17), "test/data/lalonde_cluster_reference.csv", row.names = FALSE, quote = FALSE)
print(out)
