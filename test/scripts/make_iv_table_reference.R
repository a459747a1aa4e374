# Reference values for causal.iv_2sls on a table (test/pgtap/49_iv.sql): two-stage least squares by
# R's AER::ivreg on test/data/iv_data.csv with the standard errors of R's sandwich package
# (classical = ivreg's own, vcovHC types HC0, HC1, HC3 (AER's hat values of an IV fit), and vcovCL with
# type HC1, the small-sample factor G/(G - 1) (n - 1)/(n - k) of Stata and of causal's other cluster
# errors (vcovCL's default for a non-lm fit is HC0, G/(G - 1) alone), for clusters of
# 8 consecutive ids, g = (id - 1) %/% 8).  Debian packages r-base-core, r-cran-aer, r-cran-sandwich.
# Usage: Rscript test/scripts/make_iv_table_reference.R > test/data/iv_table_reference.csv
suppressMessages({library(AER); library(sandwich)})
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(sub("^--file=", "", args[grep("^--file=", args)]))
d <- read.csv(file.path(here, "..", "data", "iv_data.csv"))
d$g <- (d$id - 1) %/% 8
fits <- list(
  a = ivreg(y ~ d1 + x1 + x2 | z1 + x1 + x2, data = d),
  b = ivreg(y ~ d1 + d2 + x1 + x2 | z1 + z2 + z3 + x1 + x2, data = d),
  c = ivreg(y ~ d1 | z1 + z2, data = d))
out <- NULL
for (name in names(fits)) {
  f <- fits[[name]]
  vc <- list(classical = vcov(f), HC0 = vcovHC(f, type = "HC0"), HC1 = vcovHC(f, type = "HC1"),
             HC3 = vcovHC(f, type = "HC3"), cluster = vcovCL(f, cluster = ~g, type = "HC1"))
  for (t in names(vc)) {
    se <- sqrt(diag(vc[[t]]))
    out <- rbind(out, data.frame(model = name, std_error_type = t,
                                 term = sub("\\(Intercept\\)", "intercept", names(coef(f))),
                                 estimate = sprintf("%.17g", coef(f)), std_error = sprintf("%.17g", se),
                                 df = df.residual(f)))
  }
}
write.csv(out, stdout(), row.names = FALSE, quote = FALSE)
